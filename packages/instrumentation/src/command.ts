const COMMAND = /^[A-Za-z0-9_]{1,32}$/;
// "/" + 32-char command + "@" + 32-char bot username: anything longer cannot be a valid command.
const MAX_COMMAND_ENTITY = 66;

/**
 * The bare command of a message, by Telegraf's rule (`Composer.command`): the first entity is a
 * `bot_command` at offset 0; `@botname` is stripped. Arguments are never returned, and anything
 * that is not `[A-Za-z0-9_]{1,32}` yields `undefined`.
 */
export function parseCommand(message: Record<string, unknown>): string | undefined {
  const { entities, text } = message;
  if (!Array.isArray(entities) || typeof text !== 'string') return undefined;
  const entity: unknown = entities[0];
  if (typeof entity !== 'object' || entity === null) return undefined;
  const { type, offset, length } = entity as Record<string, unknown>;
  if (type !== 'bot_command' || offset !== 0 || typeof length !== 'number') return undefined;
  if (length < 2 || length > MAX_COMMAND_ENTITY) return undefined;
  const at = text.indexOf('@', 1);
  const command = text.slice(1, at !== -1 && at < length ? at : length);
  return COMMAND.test(command) ? command : undefined;
}
