import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  TRUNCATION_MARKER,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// With a limit of 40 the kept part is 28 characters (40 minus the 12 of the marker), and a value
// is scanned over its first 296 characters (the limit plus a margin of 256).
const redactor = createRedactor(extendPolicy(defaultPolicy, { limits: { maxStringLength: 40 } }));
const TOKEN = '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789';
const TOKEN_MARKER = '[REDACTED:telegram_token]';

describe('the scanned window of a long value', () => {
  it('ignores a secret that starts beyond the window', () => {
    // Masking it would shorten the scanned text and so the part kept.
    const text = `${'a'.repeat(400)} ${TOKEN}`;
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(28)}${TRUNCATION_MARKER}`);
  });

  it('ignores a secret that straddles the end of the window', () => {
    const text = `${'a'.repeat(280)} ${TOKEN}${'b'.repeat(300)}`;
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(28)}${TRUNCATION_MARKER}`);
  });

  it('keeps less when a secret inside the window was masked shorter', () => {
    // The token (48 characters) becomes its marker (25): 23 characters fewer are kept.
    const text = `${'a'.repeat(100)} ${TOKEN} ${'b'.repeat(300)}`;
    expect(TOKEN.length - TOKEN_MARKER.length).toBe(23);
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(5)}${TRUNCATION_MARKER}`);
  });

  it('scans a value exactly as long as the window whole', () => {
    const text = `${'a'.repeat(100)} ${TOKEN} `.padEnd(296, 'b');
    expect(text.length).toBe(296);
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(5)}${TRUNCATION_MARKER}`);
  });
});

describe('a surrogate pair and the cut', () => {
  it('keeps a pair before the cut whole and cuts nothing more', () => {
    const text = `😀${'a'.repeat(60)}`;
    expect(redactor.redactString(text)).toBe(`😀${'a'.repeat(26)}${TRUNCATION_MARKER}`);
  });

  it('drops a pair whose halves the cut would separate', () => {
    const text = `${'a'.repeat(27)}😀😀${'b'.repeat(60)}`;
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(27)}${TRUNCATION_MARKER}`);
  });

  it('keeps a pair that ends exactly at the cut', () => {
    const text = `${'a'.repeat(26)}😀${'b'.repeat(60)}`;
    expect(redactor.redactString(text)).toBe(`${'a'.repeat(26)}😀${TRUNCATION_MARKER}`);
  });
});

describe('the word undefined', () => {
  it('stays as it is next to a masked value when no secret is registered', () => {
    expect(createRedactor().redactString('undefined alice@example.com')).toBe(
      'undefined [REDACTED:email]',
    );
  });
});

describe('bytes near the scan limit', () => {
  const tiny = createRedactor(extendPolicy(defaultPolicy, { limits: { maxStringLength: 20 } }));

  it('reads a long byte value up to four bytes per scanned character', () => {
    // 78 bytes: all of them are read, so the address is masked one character shorter.
    const bytes = new TextEncoder().encode(`${'x'.repeat(60)} alice@example.com`);
    expect(tiny.redactValue(bytes)).toBe(`${'x'.repeat(7)}${TRUNCATION_MARKER}`);
  });

  it('copies only the viewed bytes of a clean view into a snapshot', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5]).subarray(2, 4);
    const copy = createRedactor().snapshotValue(bytes) as Uint8Array;
    expect(copy).not.toBe(bytes);
    expect([...copy]).toEqual([3, 4]);
  });
});
