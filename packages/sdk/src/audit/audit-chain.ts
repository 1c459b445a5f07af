import { createHmac, randomBytes } from 'node:crypto';
import {
  ATTR_CHAIN_HASH,
  ATTR_CHAIN_ID,
  ATTR_CHAIN_PREVIOUS,
  ATTR_CHAIN_SEQUENCE,
  ATTR_LOG_STREAM,
} from './audit-attributes.js';

/** The `prev` of the first record of a chain. */
export const CHAIN_GENESIS = '0'.repeat(32);

type Value = string | number | boolean;

// Loki turns `telegram.audit.action` into `telegram_audit_action` and every value into a string:
// the digest is computed over that form, so a record verifies from the file and from Loki alike.
function canonicalKey(key: string): string {
  return key.replaceAll('.', '_');
}
const EXCLUDED = new Set([canonicalKey(ATTR_CHAIN_HASH), canonicalKey(ATTR_LOG_STREAM)]);

/**
 * The keyed digest of an audit record: HMAC-SHA256 over its time (ms) and every `telegram.*`
 * attribute — including its chain id, sequence number and the previous record's digest — except
 * the digest itself and the stream marker (the collector moves that one to the resource).
 */
export function auditDigest(
  key: string | Buffer,
  timeMillis: number,
  attributes: Readonly<Record<string, Value>>,
): string {
  const pairs = Object.entries(attributes)
    .map(([k, v]) => [canonicalKey(k), String(v)] as const)
    .filter(([k]) => k.startsWith('telegram_') && !EXCLUDED.has(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHmac('sha256', key)
    .update(JSON.stringify([1, timeMillis, pairs]))
    .digest('hex')
    .slice(0, 32);
}

/** The hash chain of this process: sequence numbers from 1 and each digest covering the previous one. */
export class AuditChain {
  readonly id = randomBytes(8).toString('hex');
  private sequence = 0;
  private previous = CHAIN_GENESIS;

  constructor(
    private readonly key: string | Buffer,
    private readonly onFirstRecord?: () => void,
  ) {}

  get started(): boolean {
    return this.sequence > 0;
  }

  /** Adds the chain attributes (id, sequence, previous digest, digest) to a record's attributes. */
  seal(timeMillis: number, attributes: Record<string, Value>): void {
    if (this.sequence === 0) this.onFirstRecord?.();
    this.sequence += 1;
    attributes[ATTR_CHAIN_ID] = this.id;
    attributes[ATTR_CHAIN_SEQUENCE] = this.sequence;
    attributes[ATTR_CHAIN_PREVIOUS] = this.previous;
    this.previous = auditDigest(this.key, timeMillis, attributes);
    attributes[ATTR_CHAIN_HASH] = this.previous;
  }
}
