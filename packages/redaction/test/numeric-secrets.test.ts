import { createRedactor, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

describe('a registered secret made of digits', () => {
  it('is masked when the app writes it as a number, as it is as a string or a bigint', () => {
    const redactor = createRedactor();
    redactor.addSecret('12345678');
    const tally = new RedactionTally();
    expect(
      redactor.redactValue({ n: 12345678, s: '12345678', b: 12345678n, other: 12345679 }, tally),
    ).toEqual({
      n: '[REDACTED:known_secret]',
      s: '[REDACTED:known_secret]',
      b: '[REDACTED:known_secret]',
      other: 12345679,
    });
    expect(tally.count).toBe(3);
  });

  it('leaves numbers alone while no such secret is registered', () => {
    const value = { n: 12345678, f: 1.5, negative: -12345678 };
    expect(createRedactor().redactValue(value)).toBe(value);
  });
});
