import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactionTally,
  TRUNCATION_MARKER,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor();
const small = createRedactor(
  extendPolicy(defaultPolicy, { limits: { maxStringLength: 64, maxDepth: 3 } }),
);

describe('bounds', () => {
  it('cuts long values to the maximum length with a marker and counts it', () => {
    const tally = new RedactionTally();
    const out = small.redactString('x'.repeat(1000), tally);
    expect(out.length).toBeLessThanOrEqual(64);
    expect(out.endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(tally.ruleNames()).toEqual(['max_length']);
  });

  it('never lets a secret that straddles the cut through, in part or whole', () => {
    const email = 'alice.wonderland@example.com';
    for (let at = 30; at < 90; at++) {
      const input = `${'y'.repeat(at)} ${email} ${'z'.repeat(300)}`;
      const out = small.redactString(input);
      expect(out).not.toContain('alice.wonder');
      expect(out).not.toContain('@example');
    }
    const tokenUrl = `${'p/'.repeat(25)}bot123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789/sendMessage`;
    expect(small.redactString(tokenUrl)).not.toMatch(/AAHfake/);
  });

  it('replaces values nested deeper than the maximum depth', () => {
    const tally = new RedactionTally();
    const out = small.redactValue({ a: { b: { c: { d: 'deep' } } } }, tally);
    expect(out).toEqual({ a: { b: { c: '[REDACTED:max_depth]' } } });
    expect(tally.ruleNames()).toEqual(['max_depth']);
  });

  it('handles cycles in objects and arrays', () => {
    const node: Record<string, unknown> = { name: 'root', email: 'x' };
    node.self = node;
    const list: unknown[] = ['a@example.com'];
    list.push(list);
    const tally = new RedactionTally();
    expect(redactor.redactValue({ node, list }, tally)).toEqual({
      node: { name: 'root', email: '[REDACTED:sensitive_key]', self: '[REDACTED:cycle]' },
      list: ['[REDACTED:email]', '[REDACTED:cycle]'],
    });
    expect(tally.ruleNames()).toEqual(['cycle', 'email', 'sensitive_key']);
  });

  it('keeps shared (non-cyclic) references', () => {
    const shared = { v: 'ok' };
    expect(redactor.redactValue({ a: shared, b: shared })).toEqual({ a: shared, b: shared });
  });
});

describe('totality and fail-closed behaviour', () => {
  it('drops values behind getters that throw, never the whole record', () => {
    const value = {
      ok: 'fine',
      get bad(): string {
        throw new Error('boom 123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789');
      },
    };
    expect(redactor.redactValue(value)).toEqual({ ok: 'fine', bad: '[REDACTED:unreadable]' });
  });

  it('drops a proxy that throws on enumeration', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    expect(redactor.redactValue({ hostile })).toEqual({ hostile: '[REDACTED:rule_error]' });
  });

  it('drops the value when a rule throws, instead of passing it raw', () => {
    const failing = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          {
            name: 'broken',
            pattern: /secret-[0-9]+/g,
            validate: () => {
              throw new Error('bug in a rule');
            },
          },
        ],
      }),
    );
    const tally = new RedactionTally();
    expect(failing.redactString('value secret-42', tally)).toBe('[REDACTED:rule_error]');
    expect(tally.ruleNames()).toEqual(['rule_error']);
    expect(failing.redactString('clean value')).toBe('clean value');
  });

  it('treats BigInt, numbers, bytes, Map, Set and Error', () => {
    const out = redactor.redactValue({
      big: 4111111111111111n,
      plainBig: 42n,
      pan: 5555555555554444,
      count: 12,
      bytes: new TextEncoder().encode('mail a@example.com'),
      cleanBytes: new Uint8Array([1, 2, 3]),
      map: new Map([['password', 'x']]),
      set: new Set(['b@example.com']),
      error: new Error('failed for c@example.com'),
    }) as Record<string, unknown>;
    expect(out.big).toBe('[REDACTED:payment_card]');
    expect(out.plainBig).toBe(42n);
    expect(out.pan).toBe('[REDACTED:payment_card]');
    expect(out.count).toBe(12);
    expect(out.bytes).toBe('mail [REDACTED:email]');
    expect(out.cleanBytes).toEqual(new Uint8Array([1, 2, 3]));
    expect(out.map).toEqual({ password: '[REDACTED:sensitive_key]' });
    expect(out.set).toEqual(['[REDACTED:email]']);
    expect((out.error as { message: string }).message).toBe('failed for [REDACTED:email]');
    expect(JSON.stringify(out.error)).not.toContain('c@example.com');
  });

  it('keeps a data key named __proto__ as a key', () => {
    const input = JSON.parse('{"__proto__": {"password": "x"}}') as object;
    const out = redactor.redactValue(input) as object;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({
      password: '[REDACTED:sensitive_key]',
    });
  });

  it('returns the very same object when nothing needs redaction (copy on write)', () => {
    const attributes = {
      'telegram.update.type': 'message',
      'http.response.status_code': 200,
      list: ['a', 'b'],
    };
    expect(redactor.redactAttributes(attributes)).toBe(attributes);
  });

  it('copes with a huge string quickly enough to finish the test', () => {
    const huge = `${'a'.repeat(5_000_000)}@example.com ${'1'.repeat(1_000_000)}`;
    const out = redactor.redactString(huge);
    expect(out.length).toBeLessThanOrEqual(defaultPolicy.limits.maxStringLength);
  });
});
