import { createRedactor, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// The exact output of each rule: a rule that masked one character too few (or left a JWT's
// signature, a phone number's last digit) would still pass a test that looks for the whole secret.
const redactor = createRedactor();
const TOKEN = '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789';
const JWT =
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';

const mark = (rule: string) => `[REDACTED:${rule}]`;

const cases: [rule: string, input: string, output: string][] = [
  [
    'telegram_token',
    `GET http://127.0.0.1:8081/bot${TOKEN}/sendMessage?x=1`,
    `GET http://127.0.0.1:8081/bot${mark('telegram_token')}/sendMessage?x=1`,
  ],
  [
    'telegram_token',
    `https://api.telegram.org/file/bot${TOKEN}/photos/a.jpg`,
    `https://api.telegram.org/file/bot${mark('telegram_token')}/photos/a.jpg`,
  ],
  ['telegram_token', 'http://h/bot123456789:AAHcut', `http://h/bot${mark('telegram_token')}`],
  ['telegram_token', 'http://h/bot123456789', `http://h/bot${mark('telegram_token')}`],
  ['telegram_token', `new Telegraf("${TOKEN}")`, `new Telegraf("${mark('telegram_token')}")`],
  ['telegram_token', `t=${TOKEN.replace(':', '%3A')}&`, `t=${mark('telegram_token')}&`],
  ['telegram_token', `t=${TOKEN.replace(':', '%253A')} `, `t=${mark('telegram_token')} `],
  ['telegram_token', `t=${TOKEN.replace(':', '\\u003a')} `, `t=${mark('telegram_token')} `],
  ['telegram_token', 'id 12345:AAcut', `id ${mark('telegram_token')}`],
  ['telegram_token', '1234567:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd3', mark('telegram_token')],
  [
    'bearer_token',
    'Authorization: Bearer abc123.def-456_ghi',
    `Authorization: Bearer ${mark('bearer_token')}`,
  ],
  ['bearer_token', 'bearer   c2VjcmV0LXRva2Vu== next', `bearer   ${mark('bearer_token')} next`],
  ['jwt', `jwt=${JWT}&x=1`, `jwt=${mark('jwt')}&x=1`],
  ['jwt', 'id eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0 end', `id ${mark('jwt')} end`],
  [
    'url_credentials',
    'postgres://admin:hunter2@db.internal:5432/app',
    `postgres://${mark('url_credentials')}@db.internal:5432/app`,
  ],
  [
    'secret_query_param',
    'https://example.com/cb?code=abc123xyz&state=ok',
    `https://example.com/cb?code=${mark('secret_query_param')}&state=ok`,
  ],
  [
    'pem_private_key',
    'k: -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY----- done',
    `k: ${mark('pem_private_key')} done`,
  ],
  [
    'pem_private_key',
    'k: -----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0',
    `k: ${mark('pem_private_key')}`,
  ],
  ['email', 'to alice.smith+tag@example.co.uk.', `to ${mark('email')}.`],
  ['email', 'to alice%40example.com!', `to ${mark('email')}!`],
  ['phone_number', 'call +49 170 1234567 now', `call ${mark('phone_number')} now`],
  ['phone_number', 'tel:+442071838750;', `${mark('phone_number')};`],
  ['phone_number', 'call %2B442071838750 now', `call ${mark('phone_number')} now`],
  ['phone_number', 'ring (415) 555-2671 today', `ring ${mark('phone_number')} today`],
  ['phone_number', 'ring 00442071838750 today', `ring ${mark('phone_number')} today`],
  ['phone_number', 'ring 08001234567 now', `ring ${mark('phone_number')} now`],
  ['payment_card', 'card 4111 1111 1111 1111 exp', `card ${mark('payment_card')} exp`],
  ['payment_card', 'card 4111-1111-1111-1111 123 ok', `card ${mark('payment_card')} ok`],
  ['payment_card', 'card 4111%201111%201111%201111.', `card ${mark('payment_card')}.`],
  ['payment_card', 'legacy visa 4222222222222.', `legacy visa ${mark('payment_card')}.`],
  ['payment_card', 'uatp 122000000000003.', `uatp ${mark('payment_card')}.`],
  ['iban', 'iban DE89 3704 0044 0532 0130 00.', `iban ${mark('iban')}.`],
  ['iban', 'iban gb82-west-1234-5698-7654-32!', `iban ${mark('iban')}!`],
  ['api_key', 'key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t end', `key ${mark('api_key')} end`],
  ['api_key', 'AKIAIOSFODNN7EXAMPLE', mark('api_key')],
  [
    'authorization',
    'Authorization: Basic dXNlcjpwYXNz',
    `Authorization: Basic ${mark('authorization')}`,
  ],
  [
    'authorization',
    'Proxy-Authorization="s3cr3tV4lue"',
    `Proxy-Authorization="${mark('authorization')}"`,
  ],
  ['authorization', 'Basic dXNlcjpwYXNz', `Basic ${mark('authorization')}`],
  ['authorization', 'Token 0123456789abcdefXYZ', `Token ${mark('authorization')}`],
  ['secret_assignment', 'db.password = hunter2!x', `db.password = ${mark('secret_assignment')}`],
  [
    'secret_assignment',
    '{"client_secret": "two words"}',
    `{"client_secret": "${mark('secret_assignment')}"}`,
  ],
  ['secret_assignment', "api_key: 'abc def'", `api_key: '${mark('secret_assignment')}'`],
  ['secret_assignment', 'X-Api-Key := k9;', `X-Api-Key := ${mark('secret_assignment')};`],
];

describe('exact output of each rule', () => {
  it.each(cases)('%s: %j', (rule, input, output) => {
    const tally = new RedactionTally();
    expect(redactor.redactString(input, tally)).toBe(output);
    expect(tally.ruleNames()).toEqual([rule]);
  });
});

describe('look-alikes left as they are', () => {
  it.each([
    'at 12:34:56 on host:3000',
    'version 1234567:1',
    'arn:aws:iam::111122223333:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    'clm54321:AgencyIdentificationCodeContentType',
    'Basic information about the bot',
    'Token expired',
    'max_tokens=256 password_hash=abc token_type: bearer',
    'user@localhost and telegraf@4.16.3',
    'ids 1700000000123 and 4111111111111112',
    'trace 4bf92f3577b34da6a3ce929d0e0e4736',
    'on 2024-05-17 at 10.0.19045.1234 from 192.168.100.200',
    'total 1 234 567.89 and 3.14159265',
    'sk-learn-examples-and-more-words',
    'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    'DE89 3704 0044 0532 0130 01',
    '-----BEGIN PUBLIC KEY-----\nMIIB',
  ])('%j', (input) => {
    const tally = new RedactionTally();
    expect(redactor.redactString(input, tally)).toBe(input);
    expect(tally.count).toBe(0);
  });
});
