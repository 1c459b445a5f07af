import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  phoneNumberRules,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// The rules are built in each call (not once when the package loads), so every test runs the
// rules' patterns as they are now.
const redact = (text: string): string =>
  createRedactor(
    extendPolicy(defaultPolicy, { removeRules: ['phone_number'], addRules: phoneNumberRules() }),
  ).redactString(text);
const PHONE = '[REDACTED:phone_number]';

describe('international phone numbers', () => {
  it('counts no digits of percent-encoded spaces: fifteen digits in four groups are a number', () => {
    expect(redact('call +123%20456%20789%20012345')).toBe(`call ${PHONE}`);
  });

  it('recognises a percent-encoded plus', () => {
    expect(redact('call %2B14155552671')).toBe(`call ${PHONE}`);
    expect(redact('call %2b14155552671')).toBe(`call ${PHONE}`);
  });

  it('recognises tel: without a plus', () => {
    expect(redact('tel:14155552671')).toBe(PHONE);
  });

  it('ends the number at the last digit, before the text that follows', () => {
    expect(redact('+14155552671 ok')).toBe(`${PHONE} ok`);
  });
});

describe('national phone numbers checked by libphonenumber', () => {
  it('accepts the dotted French format of two-digit groups (no version number)', () => {
    expect(redact('tel 01.23.45.67.89')).toBe(`tel ${PHONE}`);
  });

  it('accepts groups separated by no-break spaces or spaced dashes', () => {
    expect(redact('tel 020\u00a07946\u00a00958')).toBe(`tel ${PHONE}`);
    expect(redact('tel 020 - 7946 - 0958')).toBe(`tel ${PHONE}`);
  });

  it('reads a 00 prefix as the international call prefix', () => {
    expect(redact('call 0044 20 7946 0958')).toBe(`call ${PHONE}`);
  });

  it('refuses a 00-prefixed number one digit too long', () => {
    expect(redact('call 0044 20 7946 09581')).toBe('call 0044 20 7946 09581');
  });

  it('refuses groups too short to be a number', () => {
    expect(redact('n 01 23 45')).toBe('n 01 23 45');
    expect(redact('n 012 345')).toBe('n 012 345');
  });

  it('refuses an amount with no-break spaces between its thousands', () => {
    expect(redact('total 123\u00a0456\u00a0789 RUB')).toBe('total 123\u00a0456\u00a0789 RUB');
  });

  it('refuses a date written with spaced dashes', () => {
    expect(redact('on 2024 - 01 - 15')).toBe('on 2024 - 01 - 15');
  });

  it('refuses a version number with one-digit groups', () => {
    expect(redact('v 10.0.19045.1234')).toBe('v 10.0.19045.1234');
  });
});
