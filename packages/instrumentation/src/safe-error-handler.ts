import { field } from './field.js';
import { errorType } from './telegram-error.js';
import { describeUpdate } from './update-attributes.js';

/**
 * A `bot.catch()` handler that reveals nothing: Telegraf's default handler prints the whole update
 * (message text, names, ids) to stderr and rethrows, which also stops a polling bot. This one
 * prints the update type and id and the error type only, and keeps the bot running; the error
 * itself is already recorded (scrubbed) on the update span by the instrumentation.
 */
export function safeErrorHandler(error: unknown, ctx?: unknown): void {
  const { type, id } = describeUpdate(field(ctx, 'update'));
  process.stderr.write(
    `Unhandled ${errorType(error)} while processing update ${id ?? '?'} (${type})\n`,
  );
}
