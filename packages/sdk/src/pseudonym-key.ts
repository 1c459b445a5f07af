import { randomBytes } from 'node:crypto';
import { diag } from '@opentelemetry/api';
import { MIN_PSEUDONYM_KEY_BYTES } from './config/settings-schema.js';

/**
 * The configured pseudonym key (its length is validated with the other settings), or an
 * ephemeral random one with a single warning: pseudonyms then differ after every restart, which
 * is safe but breaks correlation across restarts.
 */
export function pseudonymKey(configured: string | undefined): string {
  if (configured !== undefined && configured !== '') return configured;
  diag.warn(
    'telegraf-otel: TELEGRAF_OTEL_PSEUDONYM_KEY is not set; using a random key for this process, so user and ' +
      `chat pseudonyms change on every restart. Set a stable secret of at least ${MIN_PSEUDONYM_KEY_BYTES} bytes ` +
      '(e.g. `openssl rand -base64 48`).',
  );
  return randomBytes(MIN_PSEUDONYM_KEY_BYTES).toString('base64');
}
