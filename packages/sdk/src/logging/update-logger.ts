import { type Attributes, context } from '@opentelemetry/api';
import { createBoundLogger, DEFAULT_LOGGER_NAME, type TelemetryLogger } from './logger.js';
import { contextIdentity, type TelegrafContextLike } from './telegraf-context.js';

const loggers = new WeakMap<object, TelemetryLogger>();

/**
 * The logger of one update (also reachable as `ctx.log`): every record carries the update's type,
 * the registered command and the pseudonymous user and chat, and is correlated with the update's
 * span — also when written from a callback that lost the async context.
 */
export function logFor(ctx: TelegrafContextLike): TelemetryLogger {
  let logger = loggers.get(ctx);
  if (!logger) {
    let identity: Attributes | undefined;
    const updateContext = context.active();
    logger = createBoundLogger({
      name: DEFAULT_LOGGER_NAME,
      // Computed on the first record that passes the level, in the update's context.
      attributes: () => {
        identity ??= context.with(updateContext, () => contextIdentity(ctx));
        return identity;
      },
      context: updateContext,
    });
    loggers.set(ctx, logger);
  }
  return logger;
}
