import { field } from './field.js';
import { OTHER } from './semconv.js';

const ERROR_NAME = /^[A-Za-z0-9_.$-]{1,64}$/;

/** The parts of a Telegraf `TelegramError` worth recording (never `.on`, which holds the payload). */
export interface TelegramErrorDetails {
  errorCode: number | undefined;
  retryAfter: number | undefined;
}

/** Reads `response.error_code` / `response.parameters.retry_after` without trusting the shape. */
export function telegramErrorDetails(error: unknown): TelegramErrorDetails {
  const response = field(error, 'response');
  const code = field(response, 'error_code');
  const retryAfter = field(field(response, 'parameters'), 'retry_after');
  return {
    errorCode: Number.isSafeInteger(code) ? (code as number) : undefined,
    retryAfter:
      typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : undefined,
  };
}

/**
 * Low-cardinality `error.type`: the Bot API error code for Telegram errors (like HTTP status codes),
 * otherwise the error's name (`TimeoutError`, `FetchError`, …) when it is a plain identifier.
 */
export function errorType(error: unknown, errorCode?: number): string {
  if (errorCode !== undefined) return String(errorCode);
  const name = field(error, 'name');
  return typeof name === 'string' && ERROR_NAME.test(name) ? name : OTHER;
}
