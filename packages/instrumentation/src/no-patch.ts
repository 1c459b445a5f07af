import { type LoggerProvider, logs, type TracerProvider, trace } from '@opentelemetry/api';
import { field } from './field.js';
import { traceTelegramInstance } from './instrument-telegram.js';
import { TelegrafTelemetry } from './telemetry.js';
import type { TelegrafTelemetryConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

/** Config of the no-patch path; providers default to the globally registered ones. */
export interface TelemetryMiddlewareOptions extends TelegrafTelemetryConfig {
  tracerProvider?: TracerProvider;
  loggerProvider?: LoggerProvider;
}

/** The part of a Telegraf context the middleware reads (Telegraf's `Context` satisfies it). */
export interface TelemetryContext {
  readonly update: unknown;
  readonly telegram: object;
}

export type TelemetryMiddleware = (
  ctx: TelemetryContext,
  next: () => Promise<void>,
) => Promise<void>;

function createTelemetry(options: TelemetryMiddlewareOptions): TelegrafTelemetry {
  const tracer = (options.tracerProvider ?? trace).getTracer(PACKAGE_NAME, PACKAGE_VERSION);
  const logger = (options.loggerProvider ?? logs).getLogger(PACKAGE_NAME, PACKAGE_VERSION);
  return new TelegrafTelemetry({ tracer, logger, config: options });
}

/**
 * Telemetry without patching, for bundled apps: `bot.use(telemetryMiddleware())` as the FIRST
 * middleware. It produces the same update span and log records as `TelegrafInstrumentation` and
 * traces the Bot API calls made through `ctx.telegram`. Errors are seen as they pass through the
 * middleware chain; Telegraf's handler timeout is not visible from a middleware.
 * When the instrumentation is also active, the middleware steps aside (no duplicate spans).
 */
export function telemetryMiddleware(options: TelemetryMiddlewareOptions = {}): TelemetryMiddleware {
  const telemetry = createTelemetry(options);
  return function telegrafOtelMiddleware(ctx, next) {
    const telegram = ctx.telegram;
    const token = telemetry.noteToken(field(telegram, 'token'));
    traceTelegramInstance(telegram, telemetry);
    if (telemetry.isTracingUpdate()) return next();
    return telemetry.traceUpdate(ctx.update, token, next, undefined, []);
  };
}

/**
 * Traces the Bot API calls of one `Telegram` instance without patching (e.g. `bot.telegram`, used
 * outside updates). Returns the same instance.
 */
export function instrumentTelegram<T extends object>(
  telegram: T,
  options: TelemetryMiddlewareOptions = {},
): T {
  const telemetry = createTelemetry(options);
  telemetry.noteToken(field(telegram, 'token'));
  return traceTelegramInstance(telegram, telemetry);
}
