import { randomBytes } from 'node:crypto';
import { diag } from '@opentelemetry/api';

export const AUDIT_KEY_VARIABLE = 'TELEGRAF_OTEL_AUDIT_KEY';

/**
 * The audit chain key: the configured one, or a random key for this run with one warning (the
 * chain then cannot be verified later). The pseudonym key is refused: one leaked key must not
 * expose the other.
 */
export function auditKey(configured: string | undefined, pseudonymKey: string | undefined): string {
  if (configured && configured !== pseudonymKey) return configured;
  const problem = configured ? 'is the pseudonym key; it must be a separate secret' : 'is not set';
  diag.warn(
    `telegraf-otel: ${AUDIT_KEY_VARIABLE} ${problem}: the audit trail's hash chain uses a random key ` +
      'and cannot be verified with `telegraf-otel audit verify`. Set a secret of at least 32 bytes ' +
      '(`openssl rand -base64 48`), different from the pseudonym key.',
  );
  return randomBytes(32).toString('base64');
}
