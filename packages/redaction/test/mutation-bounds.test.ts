import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactionTally,
  TRUNCATION_MARKER,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const limited = (limits: { maxStringLength?: number; maxDepth?: number }) =>
  createRedactor(extendPolicy(defaultPolicy, { limits }));

function redact(redactor: ReturnType<typeof createRedactor>, value: unknown) {
  const tally = new RedactionTally();
  const out = redactor.redactValue(value, tally);
  return { out, count: tally.count, rules: tally.ruleNames() };
}

describe('maximum string length', () => {
  const redactor = limited({ maxStringLength: 40 });
  const letters = 'abcdefghijklmnopqrstuvwxyz'.repeat(4);

  it('is the marker', () => {
    expect(TRUNCATION_MARKER).toBe('…[TRUNCATED]');
  });

  it('keeps a value exactly as long as the limit whole', () => {
    const text = letters.slice(0, 40);
    expect(redact(redactor, text)).toEqual({ out: text, count: 0, rules: [] });
  });

  it('cuts a longer value so that it ends with the marker and is exactly as long as the limit', () => {
    expect(redact(redactor, letters.slice(0, 41))).toEqual({
      out: `${letters.slice(0, 28)}${TRUNCATION_MARKER}`,
      count: 1,
      rules: ['max_length'],
    });
    const long = redact(redactor, letters.repeat(10)).out as string;
    expect(long).toBe(`${letters.slice(0, 28)}${TRUNCATION_MARKER}`);
  });

  it('cuts a value that masking made longer than the limit', () => {
    // 36 characters in, two 16-character markers plus the text around them out.
    const text = 'mail a@example.io and b@example.io!';
    expect(text.length).toBeLessThanOrEqual(40);
    const { out, rules } = redact(redactor, text);
    // Cut back to the limit after masking; a cut marker is harmless, a cut secret is not.
    expect(out).toBe(`mail [REDACTED:email] and [R${TRUNCATION_MARKER}`);
    expect(rules).toEqual(['email', 'max_length']);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const text = `${'a'.repeat(27)}😀${'b'.repeat(20)}`;
    expect(redact(redactor, text).out).toBe(`${'a'.repeat(27)}${TRUNCATION_MARKER}`);
  });

  it('masks a secret that starts in the part kept and ends in the part cut', () => {
    const token = '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789';
    // The masked window is cut as far back as the raw window reached past the cut: the token
    // (and its marker) lie wholly in the part dropped.
    expect(redact(redactor, `${'a'.repeat(20)} ${token}`)).toEqual({
      out: `aaaaa${TRUNCATION_MARKER}`,
      count: 2,
      rules: ['max_length', 'telegram_token'],
    });
  });

  it('keeps a marker whole when it ends exactly at the cut', () => {
    const tiny = limited({ maxStringLength: 12 });
    expect(redact(tiny, 'a'.repeat(13)).out).toBe(TRUNCATION_MARKER);
    const none = limited({ maxStringLength: 5 });
    expect(redact(none, 'abcdefgh').out).toBe(TRUNCATION_MARKER);
  });
});

describe('maximum depth', () => {
  const redactor = limited({ maxDepth: 3 });
  const DEPTH = '[REDACTED:max_depth]';

  it('replaces the fourth level of nested arrays', () => {
    expect(redact(redactor, [[['x', ['y']]]])).toEqual({
      out: [[['x', DEPTH]]],
      count: 1,
      rules: ['max_depth'],
    });
  });

  it('replaces the fourth level of nested maps, sets and maps in arrays', () => {
    const deep = { a: [{ b: { c: 1 } }], s: new Set([[{}]]) };
    expect(redact(redactor, deep).out).toEqual({ a: [{ b: DEPTH }], s: [[DEPTH]] });
  });

  it('keeps three levels as they are', () => {
    const value = { a: [{ b: 'c' }] };
    expect(redactor.redactValue(value)).toBe(value);
  });
});

describe('values that are not text', () => {
  const redactor = createRedactor();

  it('keeps null and undefined, also under a sensitive key, without counting them', () => {
    const value = { a: null, password: null, token: undefined, list: [null] };
    expect(redact(redactor, value)).toEqual({ out: value, count: 0, rules: [] });
    expect(redactor.redactValue(value)).toBe(value);
    expect(redactor.redactValue(null)).toBeNull();
  });

  it('masks an integer long enough to be a card number, positive or negative', () => {
    expect(redact(redactor, 4111111111111111)).toEqual({
      out: '[REDACTED:payment_card]',
      count: 1,
      rules: ['payment_card'],
    });
    expect(redactor.redactValue(-4111111111111111)).toBe('-[REDACTED:payment_card]');
    expect(redactor.redactValue({ n: 4111111111111111 })).toEqual({ n: '[REDACTED:payment_card]' });
  });

  it('keeps other numbers as numbers', () => {
    for (const n of [0, 42, 999_999_999_999, 1_000_000_000_000, 1.5, -7, Number.NaN]) {
      expect(redactor.redactValue(n)).toBe(n);
    }
  });

  it('masks a big integer that is a card number, and keeps other big integers', () => {
    expect(redactor.redactValue(4111111111111111n)).toBe('[REDACTED:payment_card]');
    expect(redactor.redactValue(12345n)).toBe(12345n);
  });

  it('keeps booleans, functions and symbols', () => {
    const fn = () => 1;
    const symbol = Symbol('s');
    expect(redactor.redactValue(true)).toBe(true);
    expect(redactor.redactValue(fn)).toBe(fn);
    expect(redactor.redactValue(symbol)).toBe(symbol);
  });

  it('returns an empty string as it is', () => {
    expect(redact(redactor, '')).toEqual({ out: '', count: 0, rules: [] });
  });
});

describe('bytes', () => {
  const redactor = createRedactor();

  it('turns bytes holding a secret into masked text', () => {
    const bytes = new TextEncoder().encode('to alice@example.com');
    expect(redact(redactor, bytes)).toEqual({
      out: 'to [REDACTED:email]',
      count: 1,
      rules: ['email'],
    });
  });

  it('reads 16-bit arrays as UTF-16', () => {
    const text = 'to alice@example.com';
    const wide = new Uint16Array([...text].map((c) => c.charCodeAt(0)));
    expect(redactor.redactValue(wide)).toBe('to [REDACTED:email]');
  });

  it('reads bytes holding NULs as UTF-16 too', () => {
    const bytes = new Uint8Array(Buffer.from('to alice@example.com', 'utf16le'));
    expect(redactor.redactValue(bytes)).toBe('to [REDACTED:email]');
  });

  it('keeps clean bytes as they are, and copies them into a snapshot', () => {
    const bytes = new Uint8Array([1, 2, 3, 4]).subarray(1, 3);
    expect(redactor.redactValue(bytes)).toBe(bytes);
    const copy = redactor.snapshotValue(bytes) as Uint8Array;
    expect(copy).not.toBe(bytes);
    expect([...copy]).toEqual([2, 3]);
    expect(copy.buffer.byteLength).toBe(2);
  });

  it('turns bytes beyond the scan limit into cut text', () => {
    const tiny = limited({ maxStringLength: 20 });
    const bytes = new TextEncoder().encode('x'.repeat(2000));
    expect(tiny.redactValue(bytes)).toBe(`${'x'.repeat(8)}${TRUNCATION_MARKER}`);
  });
});

describe('16-bit arrays', () => {
  it('reads signed 16-bit arrays as UTF-16 too', () => {
    const text = 'to alice@example.com';
    const wide = new Int16Array([...text].map((c) => c.charCodeAt(0)));
    expect(createRedactor().redactValue(wide)).toBe('to [REDACTED:email]');
  });
});
