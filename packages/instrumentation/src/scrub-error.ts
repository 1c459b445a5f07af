import type { Exception } from '@opentelemetry/api';
import { field } from './field.js';

const REDACTED = '[REDACTED]';
// A bot token (`<bot id>:<secret>`), bare or inside `/bot…/`, `/user…/` and `/file/bot…/` paths,
// also with the colon URL-encoded once or more (a URL carried inside another URL).
const TOKEN_PATTERN = /\d{3,}(?::|%(?:25)*3[Aa])[A-Za-z0-9_-]{20,}/g;
const MIN_SECRET_PART = 20;
const MAX_MESSAGE = 1024;
const MAX_STACK = 8192;

/** A copy of an error that is safe to record: `{ name, message, stack }`, the bot token removed. */
export interface ScrubbedException {
  name: string;
  message: string;
  stack?: string;
}

/**
 * Copies only name, message and stack (never `.on.payload` or other fields that may hold message
 * text), removes the exact bot token and anything shaped like one, and bounds the lengths.
 * The user's error object is never modified.
 */
export function scrubException(
  error: unknown,
  token: string | undefined,
): ScrubbedException & Exception {
  if (typeof error !== 'object' || error === null) {
    return { name: 'Error', message: scrub(String(error), token, MAX_MESSAGE) };
  }
  const name = field(error, 'name');
  const message = field(error, 'message');
  const stack = field(error, 'stack');
  const scrubbed: ScrubbedException = {
    name: typeof name === 'string' ? scrub(name, token, 128) : 'Error',
    message: typeof message === 'string' ? scrub(message, token, MAX_MESSAGE) : '',
  };
  if (typeof stack === 'string') scrubbed.stack = scrub(stack, token, MAX_STACK);
  return scrubbed;
}

/** Removes the exact token (when known) and token-shaped strings; scrubs before truncating. */
export function scrub(text: string, rawToken: string | undefined, maxLength: number): string {
  // A token read with surrounding whitespace is used by Telegraf as it is; the trimmed value is what shows.
  const token = rawToken?.trim();
  let out = token && text.includes(token) ? text.split(token).join(REDACTED) : text;
  out = out.replace(TOKEN_PATTERN, REDACTED);
  // The part after the colon is the secret, whatever became of the colon and the bot id.
  const secret = token?.slice(token.indexOf(':') + 1);
  if (secret && secret.length >= MIN_SECRET_PART && out.includes(secret)) {
    out = out.split(secret).join(REDACTED);
  }
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}
