import { randomBytes } from 'node:crypto';
import { diag } from '@opentelemetry/api';
import { TelemetryConfigurationError } from './config/configuration-error.js';

const MIN_KEY_BYTES = 32;

/**
 * The configured pseudonym key, or an ephemeral random one with a single warning: pseudonyms
 * then differ after every restart, which is safe but breaks correlation across restarts.
 */
export function pseudonymKey(configured: string | undefined): string {
  if (configured === undefined || configured === '') {
    diag.warn(
      'telegraf-otel: TELEGRAF_OTEL_PSEUDONYM_KEY is not set; using a random key for this process, so user and ' +
        'chat pseudonyms change on every restart. Set a stable secret of at least 32 bytes ' +
        '(e.g. `openssl rand -base64 48`).',
    );
    return randomBytes(MIN_KEY_BYTES).toString('base64');
  }
  const length = Buffer.byteLength(configured, 'utf8');
  if (length < MIN_KEY_BYTES) {
    throw new TelemetryConfigurationError(
      `telegraf-otel: TELEGRAF_OTEL_PSEUDONYM_KEY (option \`pseudonymKey\`) is ${length} bytes; at least ` +
        `${MIN_KEY_BYTES} are required so pseudonyms cannot be brute-forced. Generate one with \`openssl rand -base64 48\`.`,
    );
  }
  return configured;
}
