import { isSpanContextValid, trace } from '@opentelemetry/api';
import { field } from './field.js';
import { errorType } from './telegram-error.js';
import { describeUpdate } from './update-attributes.js';

const CORRELATION_ID_LENGTH = 16;

export interface SafeErrorHandlerOptions {
  /**
   * The answer to the user, built from the correlation id (the first 16 hex digits of the update's
   * trace id; undefined without telemetry). Never put error details in it.
   */
  message?: (correlationId: string | undefined) => string;
  /** Print one line (error type, update type and id, correlation id) to stderr. Default true. */
  print?: boolean;
}

export const defaultErrorMessage = (correlationId: string | undefined): string =>
  correlationId === undefined
    ? 'Sorry, something went wrong. Please try again later.'
    : `Sorry, something went wrong. Please try again later. (Reference: ${correlationId})`;

/** The first digits of the active (update) trace id: enough for support to find the trace. */
export function correlationId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext)
    ? spanContext.traceId.slice(0, CORRELATION_ID_LENGTH)
    : undefined;
}

async function replySafely(ctx: unknown, text: string): Promise<void> {
  try {
    const reply = field(ctx, 'reply');
    // Only where there is a chat to answer (an inline query has none).
    if (typeof reply === 'function' && field(ctx, 'chat') !== undefined)
      await reply.call(ctx, text);
  } catch {
    // The reply itself failed (blocked by the user, network): nothing else to do.
  }
}

/**
 * Creates a `bot.catch()` handler that reveals nothing. Telegraf's default handler prints the
 * whole update (message text, names, ids) to stderr and rethrows, which also stops a polling
 * bot. This one answers the user with a short generic message carrying a correlation id, prints
 * at most the error type, update type and id, never throws (the bot keeps running), and leaves
 * the error to the instrumentation, which records it scrubbed on the update span and in
 * `telegram.update.failed` — the records support finds with the correlation id.
 */
export function createSafeErrorHandler(
  options: SafeErrorHandlerOptions = {},
): (error: unknown, ctx?: unknown) => Promise<void> {
  const message = options.message ?? defaultErrorMessage;
  const print = options.print ?? true;
  return async (error, ctx) => {
    try {
      const reference = correlationId();
      if (print) {
        const { type, id } = describeUpdate(field(ctx, 'update'));
        process.stderr.write(
          `Unhandled ${errorType(error)} while processing update ${id ?? '?'} (${type})${reference ? `, reference ${reference}` : ''}\n`,
        );
      }
      await replySafely(ctx, message(reference));
    } catch {
      // A throwing message builder or stderr: the handler must never throw into Telegraf.
    }
  };
}

/** `bot.catch(safeErrorHandler)`: the safe handler with the default message. */
export const safeErrorHandler = createSafeErrorHandler();
