export { TelegrafInstrumentation } from './instrumentation.js';
export {
  instrumentTelegram,
  type TelemetryContext,
  type TelemetryMiddleware,
  type TelemetryMiddlewareOptions,
  telemetryMiddleware,
} from './no-patch.js';
export {
  type RedactionHooks,
  setGlobalRedactionHooks,
  type UpdateContentSink,
} from './redaction-hooks.js';
export {
  correlationId,
  createSafeErrorHandler,
  defaultErrorMessage,
  type SafeErrorHandlerOptions,
  safeErrorHandler,
} from './safe-error-handler.js';
export { type ScrubbedException, scrubException } from './scrub-error.js';
export * from './semconv.js';
export { activeUpdateAttributes } from './telemetry.js';
export { TELEMETRY_TEXTS } from './telemetry-texts.js';
export type {
  ApiCallHookInfo,
  Pseudonymise,
  TelegrafInstrumentationConfig,
  TelegrafTelemetryConfig,
  UpdateHookInfo,
} from './types.js';
export { describeUpdate, type UpdateDescription } from './update-attributes.js';
export { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';
export { ATTRIBUTE_VALUE_SHAPES, CHAT_TYPES } from './vocabularies.js';
