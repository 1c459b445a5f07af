import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  type RedactionPolicy,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const EMAIL = '[REDACTED:email]';
const CARD = '[REDACTED:payment_card]';

describe('snapshots', () => {
  it('copies an unchanged map with exactly its own keys', () => {
    const body = { a: 'x', b: 2 };
    const copy = createRedactor().snapshotValue(body) as Record<string, unknown>;
    expect(copy).not.toBe(body);
    expect(Object.keys(copy)).toEqual(['a', 'b']);
  });

  it('returns an unchanged attribute map itself outside a snapshot', () => {
    const attributes = { a: 'x', b: 2 };
    expect(createRedactor().redactAttributes(attributes)).toBe(attributes);
  });

  it('turns an error into a plain map even when nothing in it is masked', () => {
    const error = new Error('boom');
    const out = createRedactor().redactValue(error) as Record<string, unknown>;
    expect(out).not.toBe(error);
    expect(out).not.toBeInstanceOf(Error);
    expect(out.message).toBe('boom');
    expect(out.name).toBe('Error');
  });

  it('keeps a data key named __proto__ as a plain, writable, deletable key of the copy', () => {
    const value = JSON.parse('{"__proto__": "alice@example.com", "b": 1}') as object;
    const out = createRedactor().redactValue(value) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')).toEqual({
      value: EMAIL,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  });
});

describe('patterns with global or sticky flags in a policy', () => {
  it('allows an allowlisted value every time it is seen', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { allowValues: [/alice@example\.com/g] }),
    );
    // Different texts, so the second is no hit of the clean-string cache.
    expect(redactor.redactString('a alice@example.com')).toBe('a alice@example.com');
    expect(redactor.redactString('b alice@example.com')).toBe('b alice@example.com');
    expect(redactor.redactString('bob@example.com')).toBe(EMAIL);
  });

  it('passes every value of an allowlisted key, one after another', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        allowKeys: {
          card: /^[0-9]{16}$/g,
          number: { type: 'string', pattern: /^[0-9]{16}$/g },
        },
      }),
    );
    for (const key of ['card', 'number']) {
      expect(redactor.redactValue({ [key]: '4111111111111111' })).toEqual({
        [key]: '4111111111111111',
      });
      expect(redactor.redactValue({ [key]: '5555555555554444' })).toEqual({
        [key]: '5555555555554444',
      });
    }
  });

  it('applies a sticky rule anywhere in a value, and a global trigger to every value', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          { name: 'ticket', pattern: /tk-[0-9]{4}/y },
          { name: 'order', pattern: /ord-[0-9]{4}/, trigger: /ord-/g },
        ],
      }),
    );
    expect(redactor.redactString('see tk-1234')).toBe('see [REDACTED:ticket]');
    expect(redactor.redactString('xxxxxxxxxx ord-1234')).toBe('xxxxxxxxxx [REDACTED:order]');
    expect(redactor.redactString('ord-5678')).toBe('[REDACTED:order]');
  });

  it('accepts several rules with the same named group', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          // No triggers: the patterns themselves are merged into the prefilter.
          { name: 'pin', pattern: /(?<keep>pin=)[0-9]{4}/ },
          { name: 'code', pattern: /(?<keep>code=)[0-9]{4}/ },
        ],
      }),
    );
    expect(redactor.redactString('pin=1234 code=5678')).toBe(
      'pin=[REDACTED:pin] code=[REDACTED:code]',
    );
  });

  it('applies a rule whose pattern refers back to a group, by name or by number', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          { name: 'quoted', pattern: /(?<q>['"])zz-[0-9]{3}\k<q>/ },
          { name: 'twice', pattern: /(yy)-[0-9]{3}-\1/ },
        ],
      }),
    );
    expect(redactor.redactString('say "zz-123" now')).toBe('say [REDACTED:quoted] now');
    expect(redactor.redactString('say yy-123-yy now')).toBe('say [REDACTED:twice] now');
  });

  it('applies a rule written with Unicode property escapes', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [{ name: 'greek', pattern: /\p{Script=Greek}{3}-[0-9]{3}/u }],
      }),
    );
    expect(redactor.redactString('id αβγ-123')).toBe('id [REDACTED:greek]');
  });
});

describe('a policy without sensitive keys', () => {
  const policy: RedactionPolicy = { ...defaultPolicy, sensitiveKeys: [] };

  it('keeps ordinary query parameters of a URL', () => {
    const redactor = createRedactor(policy);
    expect(redactor.redactValue({ 'url.full': 'https://x.io/a?page=2&sort=up' })).toEqual({
      'url.full': 'https://x.io/a?page=2&sort=up',
    });
  });
});

describe('secrets registered later', () => {
  it('stop an allowlisted id that passed before from passing', () => {
    const redactor = createRedactor();
    const id = '0af7651916cd43dd8448eb211c80319c';
    expect(redactor.redactValue({ trace_id: id })).toEqual({ trace_id: id });
    redactor.addSecret(id);
    expect(redactor.redactValue({ trace_id: id })).toEqual({
      trace_id: '[REDACTED:unexpected_shape]',
    });
  });

  it('are polled once each, and a source yielding a non-string still registers the rest', () => {
    const redactor = createRedactor();
    const values: (string | undefined)[] = [undefined, 's3cret-value-1'];
    redactor.addSecretSource(() => values as Iterable<string>);
    expect(redactor.generation).toBe(1);
    redactor.pollSecretSources();
    expect(redactor.generation).toBe(1);
    expect(redactor.redactString('x s3cret-value-1')).toBe('x [REDACTED:known_secret]');
  });
});

describe('card numbers as numbers', () => {
  it('masks a card number passed as a number inside a map', () => {
    expect(createRedactor().redactValue({ n: 5555555555554444 })).toEqual({ n: CARD });
  });
});
