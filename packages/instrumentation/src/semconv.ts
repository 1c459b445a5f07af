// Attribute and event names of the `telegram.*` namespace (documented in the README's "Telemetry").
// Stable semconv names (error.type, exception.*) come from @opentelemetry/semantic-conventions.

export const ATTR_TELEGRAM_UPDATE_ID = 'telegram.update.id';
export const ATTR_TELEGRAM_UPDATE_TYPE = 'telegram.update.type';
export const ATTR_TELEGRAM_MESSAGE_TYPE = 'telegram.message.type';
export const ATTR_TELEGRAM_CHAT_TYPE = 'telegram.chat.type';
export const ATTR_TELEGRAM_COMMAND = 'telegram.command';
export const ATTR_TELEGRAM_USER_HASH = 'telegram.user.hash';
export const ATTR_TELEGRAM_CHAT_HASH = 'telegram.chat.hash';
export const ATTR_TELEGRAM_UPDATE_OUTCOME = 'telegram.update.outcome';
export const ATTR_TELEGRAM_UPDATE_DURATION_MS = 'telegram.update.duration_ms';
export const ATTR_TELEGRAM_API_METHOD = 'telegram.api.method';
export const ATTR_TELEGRAM_API_ERROR_CODE = 'telegram.api.error_code';
export const ATTR_TELEGRAM_API_RETRY_AFTER = 'telegram.api.retry_after';
export const ATTR_TELEGRAM_BOT_MODE = 'telegram.bot.mode';
export const ATTR_TELEGRAM_BOT_STOP_REASON = 'telegram.bot.stop_reason';

// OpenTelemetry messaging semantic conventions (development status: copied, not imported from the
// unstable `incubating` entry point, as semconv recommends). An update is a received message that
// the bot processes; the destination is the kind of chat, never the chat itself.
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
export const MESSAGING_SYSTEM_TELEGRAM = 'telegram';
export const MESSAGING_OPERATION_PROCESS = 'process';

export const UPDATE_OUTCOME_HANDLED = 'handled';
export const UPDATE_OUTCOME_ERROR = 'error';
export const UPDATE_OUTCOME_TIMEOUT = 'timeout';
export type UpdateOutcome =
  | typeof UPDATE_OUTCOME_HANDLED
  | typeof UPDATE_OUTCOME_ERROR
  | typeof UPDATE_OUTCOME_TIMEOUT;

export const EVENT_UPDATE_HANDLED = 'telegram.update.handled';
export const EVENT_UPDATE_FAILED = 'telegram.update.failed';
export const EVENT_API_FAILED = 'telegram.api.failed';
export const EVENT_BOT_STARTED = 'telegram.bot.started';
export const EVENT_BOT_STOPPED = 'telegram.bot.stopped';

/** Replaces any value outside a bounded vocabulary (semconv convention). */
export const OTHER = '_OTHER';
