import { field } from './field.js';
import type { TelegrafBot } from './internal-types.js';
import type { TelegrafTelemetry } from './telemetry.js';

const kTraced = Symbol.for('telegraf-otel.handleError');

type ErrorHandler = ((...args: unknown[]) => unknown) & { [kTraced]?: true };

/**
 * `handleError` is an instance field that `bot.catch()` replaces at any time, so it cannot be
 * patched on the prototype: wrap whatever handler the bot has right now, once (marker symbol).
 * The wrapper records the error on the active update span, then behaves exactly like the handler
 * (same `this`, arguments, return value or throw), so a swallowing `bot.catch()` still yields an
 * error span.
 */
export function traceErrorHandler(bot: TelegrafBot, telemetry: TelegrafTelemetry): void {
  const handler = field(bot, 'handleError') as ErrorHandler | undefined;
  if (typeof handler !== 'function' || handler[kTraced]) return;
  const traced: ErrorHandler = function (this: unknown, ...args: unknown[]) {
    telemetry.recordHandlerError(args[0]);
    return handler.apply(this, args);
  };
  traced[kTraced] = true;
  try {
    bot.handleError = traced;
  } catch {
    // A frozen bot keeps its handler: errors that escape handleUpdate are still recorded.
  }
}
