import { createHash, createHmac } from 'node:crypto';
import { createPseudonymiser } from '@telegraf-otel/redaction';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const KEY = 'k'.repeat(32);
const OTHER_KEY = 'x'.repeat(48);

describe('createPseudonymiser', () => {
  it('is HMAC-SHA256 over the kind-separated id, truncated to 64 bits, with the key version', () => {
    const { pseudonymise } = createPseudonymiser({ key: KEY, keyVersion: 3 });
    const expected = createHmac('sha256', KEY)
      .update('telegraf-otel:user:123456789')
      .digest('hex')
      .slice(0, 16);
    expect(pseudonymise('user', 123456789)).toBe(`v3:${expected}`);
    expect(pseudonymise('user', 123456789)).toMatch(/^v3:[0-9a-f]{16}$/);
  });

  it('defaults to key version 1 and accepts bytes as the key', () => {
    const fromBytes = createPseudonymiser({ key: new TextEncoder().encode(KEY) });
    const fromString = createPseudonymiser({ key: KEY });
    expect(fromBytes.pseudonymise('chat', -1001234567890)).toBe(
      fromString.pseudonymise('chat', -1001234567890),
    );
    expect(fromString.pseudonymise('chat', 1)).toMatch(/^v1:/);
  });

  it('is not a plain hash: without the key the pseudonym cannot be recomputed', () => {
    const { pseudonymise } = createPseudonymiser({ key: KEY });
    const id = 987654321;
    const digest = pseudonymise('user', id).slice(3);
    for (const plain of [String(id), `user:${id}`, `telegraf-otel:user:${id}`]) {
      for (const algorithm of ['sha256', 'sha1', 'md5']) {
        const hash = createHash(algorithm).update(plain).digest('hex');
        expect(hash.startsWith(digest)).toBe(false);
      }
    }
  });

  it('rejects keys shorter than 32 bytes with a clear error', () => {
    expect(() => createPseudonymiser({ key: 'short-key' })).toThrow(/at least 32 bytes \(got 9\)/);
    expect(() => createPseudonymiser({ key: KEY, keyVersion: 0 })).toThrow(/keyVersion/);
  });

  it('is deterministic, separates users from chats and keys from keys (property)', () => {
    const a = createPseudonymiser({ key: KEY });
    const b = createPseudonymiser({ key: OTHER_KEY });
    const rotated = createPseudonymiser({ key: OTHER_KEY, keyVersion: 2 });
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 2n ** 52n }), (big) => {
        const id = Number(big);
        expect(a.pseudonymise('user', id)).toBe(a.pseudonymise('user', big));
        expect(a.pseudonymise('user', id)).toBe(a.pseudonymise('user', String(big)));
        expect(a.pseudonymise('user', id)).not.toBe(a.pseudonymise('chat', id));
        expect(a.pseudonymise('user', id).slice(3)).not.toBe(b.pseudonymise('user', id).slice(3));
        expect(rotated.pseudonymise('user', id)).toBe(`v2:${b.pseudonymise('user', id).slice(3)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('produces values that pass the default allowlist unchanged', async () => {
    const { createRedactor } = await import('@telegraf-otel/redaction');
    const { pseudonymise } = createPseudonymiser({ key: KEY });
    const attributes = {
      'telegram.user.hash': pseudonymise('user', 4111111111111111),
      'telegram.chat.hash': pseudonymise('chat', 42),
    };
    expect(createRedactor().redactAttributes(attributes)).toBe(attributes);
  });
});
