export { TelegrafInstrumentation } from './instrumentation.js';
export {
  instrumentTelegram,
  type TelemetryContext,
  type TelemetryMiddleware,
  type TelemetryMiddlewareOptions,
  telemetryMiddleware,
} from './no-patch.js';
export { safeErrorHandler } from './safe-error-handler.js';
export * from './semconv.js';
export type {
  ApiCallHookInfo,
  Pseudonymise,
  TelegrafInstrumentationConfig,
  TelegrafTelemetryConfig,
  UpdateHookInfo,
} from './types.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
