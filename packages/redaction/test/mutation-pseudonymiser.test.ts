import { createHmac } from 'node:crypto';
import { createPseudonymiser } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// Fast checks of the pseudonymiser's contract (the volume and property tests live elsewhere).
const KEY = 'k'.repeat(32);
const hmac = (message: string) =>
  createHmac('sha256', KEY).update(message).digest('hex').slice(0, 16);

describe('pseudonyms', () => {
  const { pseudonymise, pattern } = createPseudonymiser({ key: KEY });

  it('are the version and 16 hex digits of HMAC-SHA256 over kind and canonical id', () => {
    expect(pseudonymise('user', 42)).toBe(`v1:${hmac('telegraf-otel:user:42')}`);
    expect(pseudonymise('chat', -100123)).toBe(`v1:${hmac('telegraf-otel:chat:-100123')}`);
    expect(pseudonymise('user', 'alice')).toBe(`v1:${hmac('telegraf-otel:user:alice')}`);
  });

  it('are the same for 42, 42n, "42" and "042", asked first or from the cache', () => {
    const expected = `v1:${hmac('telegraf-otel:user:42')}`;
    for (const id of ['042', 42n, '42', 42, 42, '042'])
      expect(pseudonymise('user', id)).toBe(expected);
    expect(pseudonymise('user', '-042')).toBe(`v1:${hmac('telegraf-otel:user:-42')}`);
    expect(pseudonymise('user', '4 2')).toBe(`v1:${hmac('telegraf-otel:user:4 2')}`);
  });

  it('keep users and chats apart, also in the cache', () => {
    const user = pseudonymise('user', 7);
    expect(pseudonymise('chat', 7)).toBe(`v1:${hmac('telegraf-otel:chat:7')}`);
    expect(pseudonymise('user', 7)).toBe(user);
  });

  it('refuse unknown kinds and ids that are no safe integers', () => {
    expect(() => pseudonymise('group' as never, 1)).toThrow('pseudonymise: unknown kind group');
    expect(() => pseudonymise('user', 2 ** 53)).toThrow(TypeError);
    expect(() => pseudonymise('user', 1.5)).toThrow('id must be a safe integer');
  });

  it('match the exported pattern, which matches nothing else', () => {
    expect(pattern.test(pseudonymise('user', 1))).toBe(true);
    for (const other of [
      `x${pseudonymise('user', 1)}`,
      `${pseudonymise('user', 1)}0`,
      'v1:0123456789abcde',
      'v1:0123456789ABCDEF',
      'v2:0123456789abcdef',
      'v12:0123456789abcdef',
    ]) {
      expect(pattern.test(other)).toBe(false);
    }
  });
});

describe('pseudonymiser options', () => {
  it('take a key of exactly 32 bytes, as text or bytes, and refuse 31', () => {
    expect(() => createPseudonymiser({ key: 'k'.repeat(31) })).toThrow(
      'the key must be at least 32 bytes (got 31)',
    );
    expect(() => createPseudonymiser({ key: new Uint8Array(31) })).toThrow('(got 31)');
    // Two bytes per character in UTF-8: 16 of them are enough.
    expect(createPseudonymiser({ key: 'é'.repeat(16) }).pseudonymise('user', 1)).toMatch(/^v1:/);
    const bytes = createPseudonymiser({ key: new TextEncoder().encode(KEY) });
    expect(bytes.pseudonymise('user', 42)).toBe(`v1:${hmac('telegraf-otel:user:42')}`);
  });

  it('write the key version into every pseudonym and its pattern', () => {
    const v7 = createPseudonymiser({ key: KEY, keyVersion: 7 });
    expect(v7.pseudonymise('user', 42)).toBe(`v7:${hmac('telegraf-otel:user:42')}`);
    expect(v7.pattern.source).toBe('^v7:[0-9a-f]{16}$');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuse key version %j', (keyVersion) => {
    expect(() => createPseudonymiser({ key: KEY, keyVersion })).toThrow(
      'keyVersion must be a positive integer',
    );
  });
});
