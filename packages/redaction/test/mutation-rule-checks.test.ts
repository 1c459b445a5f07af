import { createRedactor, ibanValid, luhnValid, phoneNumberRules } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// The checks behind the patterns (checksums, lengths, shapes) at their edges: each veto or
// acceptance below is one comparison in a rule's validate function.
const redactor = createRedactor();
const mark = (rule: string) => `[REDACTED:${rule}]`;

describe('checksums', () => {
  it('Luhn: doubles every second digit from the right and folds two-digit results', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
    // 5 doubled is 10, folded to 1: 1 + 9 = 10.
    expect(luhnValid('59')).toBe(true);
    expect(luhnValid('95')).toBe(false);
    expect(luhnValid('18')).toBe(true);
    expect(luhnValid('0')).toBe(true);
  });

  it('IBAN: country, length and mod-97 on the compact upper-case form', () => {
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('XX89370400440532013000')).toBe(false);
  });
});

describe('payment cards', () => {
  it.each([
    ['4111 1111 1111 1111 2024', `${mark('payment_card')} 2024`],
    ['4111111111111111 12', mark('payment_card')],
    ['4111 1111 1111 1111 1', mark('payment_card')],
    ['5555555555554444.', `${mark('payment_card')}.`],
    ['6011111111111117', mark('payment_card')],
    ['4111111111111111111', '4111111111111111111'],
    ['411111111111', '411111111111'],
    ['4111 1111 1111 1112 123', '4111 1111 1111 1112 123'],
  ])('%j', (input, output) => {
    expect(redactor.redactString(input)).toBe(output);
  });
});

describe('phone numbers', () => {
  it.each([
    ['+123456', '+123456'],
    ['call +1234567 now', `call ${mark('phone_number')} now`],
    ['+123456789012345', mark('phone_number')],
    ['+1234567890123456', '+1234567890123456'],
    ['on 2024-05-17 only', 'on 2024-05-17 only'],
    ['on 17.05.2024 only', 'on 17.05.2024 only'],
    ['ip 10.20.30.40 up', 'ip 10.20.30.40 up'],
    ['pi 3.14159265 ok', 'pi 3.14159265 ok'],
    ['amount 1 234 567 ok', 'amount 1 234 567 ok'],
    ['build 10.0.1904.12 ok', 'build 10.0.1904.12 ok'],
    ['ring 020 7183 8750 today', `ring ${mark('phone_number')} today`],
    ['ring 020 - 7183 - 8750 today', `ring ${mark('phone_number')} today`],
    ['ring 020\u00a07183\u00a08750 today', `ring ${mark('phone_number')} today`],
    ['ring 0044 20 7183 8750 today', `ring ${mark('phone_number')} today`],
    ['dial 123 456', 'dial 123 456'],
    ['id 123 4567 8901 2345 6789', 'id 123 4567 8901 2345 6789'],
  ])('%j', (input, output) => {
    expect(redactor.redactString(input)).toBe(output);
  });

  it('reads national numbers only for the regions asked for, 00-numbers for all', () => {
    const [, national] = phoneNumberRules([]);
    expect(national?.validate?.('(415) 555-2671')).toBe(false);
    expect(national?.validate?.('0044 20 7183 8750')).toBe(true);
    expect(phoneNumberRules(['DE'])[1]?.validate?.('030 12345678')).toBe(true);
    const [, defaults] = phoneNumberRules();
    expect(defaults?.validate?.('(415) 555-2671')).toBe(true);
  });
});

describe('telegram tokens, e-mail addresses and credentials', () => {
  it.each([
    ['12345:abcdefghijklmnopqrstuvwxyzABCD', '12345:abcdefghijklmnopqrstuvwxyzABCD'],
    ['12345:abcdefghijklmnopqrstuvwxyzABC1', mark('telegram_token')],
    ['12345%3Aabcdefghijklmnopqrstuvwxyz1234', mark('telegram_token')],
    ['a@b.c1', 'a@b.c1'],
    ['a@b.co', mark('email')],
    ['john.do@localhost', 'john.do@localhost'],
    ['a%40b.co', mark('email')],
    ['sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'sk-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
    ['sk-abcdefghijklmnopqrstuvwxyz', 'sk-abcdefghijklmnopqrstuvwxyz'],
    ['sk-abcdefghijklmnopqrstuvwxyZ', mark('api_key')],
    ['sk-abcdefghijklmnopqrstuvwxy1', mark('api_key')],
    ['sk-ab1ab1ab1ab1ab1ab1ab1ab1ab1', 'sk-ab1ab1ab1ab1ab1ab1ab1ab1ab1'],
    ['Basic Og==', 'Basic Og=='],
    ['Basic aGVsbG8gd29ybGQ=', 'Basic aGVsbG8gd29ybGQ='],
    ['Basic dTpw', `Basic ${mark('authorization')}`],
    ['Token abcdefghijklmnopqrst', 'Token abcdefghijklmnopqrst'],
    ['Token 12345678901234567890', 'Token 12345678901234567890'],
    ['Api-Token abc1234567890defgh', `Api-Token ${mark('authorization')}`],
  ])('%j', (input, output) => {
    expect(redactor.redactString(input)).toBe(output);
  });
});

describe('cut personal data', () => {
  it.each([
    ['to jane.x@exa… (cut)', `to ${mark('email')}… (cut)`],
    ['call +44 20 79...', `call ${mark('phone_number')}...`],
    ['card 4111 1111 1111…', `card ${mark('payment_card')}…`],
    ['to jane.x@exa and on', 'to jane.x@exa and on'],
    ['call +44 20 79 now', 'call +44 20 79 now'],
  ])('%j', (input, output) => {
    expect(redactor.redactString(input)).toBe(output);
  });
});
