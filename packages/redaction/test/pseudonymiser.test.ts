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

  it('answers repeated ids from its cache with exactly the uncached pseudonyms', () => {
    const warm = createPseudonymiser({ key: KEY });
    const ids = [42, 42n, '42', '042', -0, 0, '-0', -1001234567890, '-1001234567890', 'abc'];
    const first = ids.map((id) => [warm.pseudonymise('user', id), warm.pseudonymise('chat', id)]);
    const second = ids.map((id) => [warm.pseudonymise('user', id), warm.pseudonymise('chat', id)]);
    const cold = ids.map((id) => [
      createPseudonymiser({ key: KEY }).pseudonymise('user', id),
      createPseudonymiser({ key: KEY }).pseudonymise('chat', id),
    ]);
    expect(second).toEqual(first);
    expect(first).toEqual(cold);
    // Equal ids in any form share one pseudonym; users and chats never do.
    expect(new Set(first.slice(0, 4).map(([user]) => user)).size).toBe(1);
    expect(first[4]).toEqual(first[5]);
    expect(first[4]).toEqual(first[6]);
    expect(first[7]).toEqual(first[8]);
    for (const [user, chat] of first) expect(user).not.toBe(chat);
  });

  it('keeps the same outputs across cache evictions and never caches a rejected id', () => {
    const warm = createPseudonymiser({ key: KEY });
    const expected = createPseudonymiser({ key: KEY }).pseudonymise('user', 7);
    for (let id = 0; id < 25_000; id++) warm.pseudonymise('user', id);
    expect(warm.pseudonymise('user', 7)).toBe(expected);
    expect(() => warm.pseudonymise('user', 2 ** 60)).toThrow(/safe integer/);
    expect(() => warm.pseudonymise('user', 2 ** 60)).toThrow(/safe integer/);
    expect(() => warm.pseudonymise('admin' as 'user', 7)).toThrow(/unknown kind/);
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
