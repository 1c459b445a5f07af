import { randomBytes } from 'node:crypto';

export const AUDIT_KEY_VARIABLE = 'TELEGRAF_OTEL_AUDIT_KEY';

/**
 * The audit chain key: the configured one, or a random key for this run and the warning to give
 * when the trail is first used (the chain then cannot be verified later). The pseudonym key is
 * refused: one leaked key must not expose the other.
 */
export function auditKey(
  configured: string | undefined,
  pseudonymKey: string | undefined,
): { key: string; warning?: string } {
  if (configured && configured !== pseudonymKey) return { key: configured };
  const problem = configured ? 'is the pseudonym key; it must be a separate secret' : 'is not set';
  return {
    key: randomBytes(32).toString('base64'),
    warning:
      `telegraf-otel: ${AUDIT_KEY_VARIABLE} ${problem}: the audit trail's hash chain uses a random key ` +
      'and cannot be verified with `telegraf-otel audit verify`. Set a secret of at least 32 bytes ' +
      '(`openssl rand -base64 48`), different from the pseudonym key.',
  };
}
