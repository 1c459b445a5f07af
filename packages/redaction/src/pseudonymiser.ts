import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';

export type PseudonymKind = 'user' | 'chat';

export interface PseudonymiserOptions {
  /** Secret key, at least 32 bytes (a string counts its UTF-8 bytes). Keep it out of the telemetry backend. */
  readonly key: string | Uint8Array;
  /** Written into every pseudonym (`v<version>:…`); bump it when the key rotates. Default 1. */
  readonly keyVersion?: number;
}

export interface Pseudonymiser {
  /** `v<version>:<16 hex>`: HMAC-SHA256 of the kind-separated id, truncated to 64 bits. */
  pseudonymise(kind: PseudonymKind, id: number | bigint | string): string;
  /**
   * Matches exactly the pseudonyms this pseudonymiser writes, and nothing else: the shape to
   * allowlist for the attributes that carry them (see `AllowedShape`).
   */
  readonly pattern: RegExp;
}

const MIN_KEY_BYTES = 32;
const CACHE_LIMIT = 10_000;
/** 64 bits of the HMAC. */
const DIGEST_HEX_DIGITS = 16;

/** Canonical decimal text of an id, so 42, 42n and "42" get the same pseudonym. */
function canonicalId(id: number | bigint | string): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a bigint reaches the same decimal text through the string branch
  if (typeof id === 'bigint') return id.toString();
  if (typeof id === 'number') {
    if (!Number.isSafeInteger(id)) throw new TypeError('pseudonymise: id must be a safe integer');
    return String(id);
  }
  return /^-?[0-9]+$/.test(id) ? BigInt(id).toString() : id;
}

export function createPseudonymiser(options: PseudonymiserOptions): Pseudonymiser {
  const keyBytes =
    // Stryker disable next-line all: Buffer.from reads a string as UTF-8 and copies bytes whatever the encoding argument, so either branch gives the same key
    typeof options.key === 'string' ? Buffer.from(options.key, 'utf8') : Buffer.from(options.key);
  if (keyBytes.length < MIN_KEY_BYTES) {
    throw new Error(
      `pseudonymiser: the key must be at least ${MIN_KEY_BYTES} bytes (got ${keyBytes.length}); generate one with \`openssl rand -base64 48\``,
    );
  }
  const version = options.keyVersion ?? 1;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new Error('pseudonymiser: keyVersion must be a positive integer');
  }
  const key: KeyObject = createSecretKey(keyBytes);
  const prefix = `v${version}:`;
  // Ids repeat across the updates of one conversation; HMAC costs ~1-2 µs, a Map hit ~50 ns.
  // Keyed by the id as given (42, 42n and "42" are separate entries with the same pseudonym), so a
  // hit builds no string.
  const users = new Map<number | bigint | string, string>();
  const chats = new Map<number | bigint | string, string>();

  return {
    pattern: new RegExp(`^${prefix}[0-9a-f]{${DIGEST_HEX_DIGITS}}$`),
    pseudonymise(kind, id) {
      if (kind !== 'user' && kind !== 'chat')
        throw new TypeError(`pseudonymise: unknown kind ${String(kind)}`);
      // Stryker disable next-line EqualityOperator: swapping the two caches still keeps users and chats apart
      const cache = kind === 'user' ? users : chats;
      const cached = cache.get(id);
      // Stryker disable next-line ConditionalExpression: skipping the cache computes the same pseudonym again
      if (cached !== undefined) return cached;
      // Domain separation: a user and a chat with the same id get unrelated pseudonyms.
      const message = `telegraf-otel:${kind}:${canonicalId(id)}`;
      const digest = createHmac('sha256', key)
        .update(message)
        .digest('hex')
        .slice(0, DIGEST_HEX_DIGITS);
      const pseudonym = prefix + digest;
      // Stryker disable next-line all: a cache bound: when the cache is cleared changes speed and memory, not output
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(id, pseudonym);
      return pseudonym;
    },
  };
}
