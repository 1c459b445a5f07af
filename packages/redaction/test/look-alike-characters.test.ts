import { createRedactor, defaultPolicy, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor({ ...defaultPolicy, secrets: [] });
const redact = (text: string) => {
  const tally = new RedactionTally();
  return { out: redactor.redactString(text, tally), rules: tally.ruleNames() };
};

// Each text carries a card, phone, e-mail or token written with characters the ASCII rules do not
// read; the digits and words that must not survive are listed beside it.
const LOOK_ALIKES: [name: string, text: string, rule: string, mustNotSurvive: string[]][] = [
  [
    'full-width digits',
    'card ４１１１ １１１１ １１１１ １１１１ ok',
    'payment_card',
    ['１１１１', '1111'],
  ],
  ['Arabic-Indic digits', 'card ٤١١١١١١١١١١١١١١١ ok', 'payment_card', ['١١١١', '1111']],
  ['Devanagari digits', 'card ४१११ ११११ ११११ ११११ ok', 'payment_card', ['१११', '111']],
  ['zero-width spaces', 'card 4111\u200b1111\u200b1111\u200b1111 ok', 'payment_card', ['1111']],
  ['soft hyphens', 'card 4111\u00ad1111\u00ad1111\u00ad1111 ok', 'payment_card', ['1111']],
  [
    'narrow no-break spaces',
    'card 4111\u202f1111\u202f1111\u202f1111 ok',
    'payment_card',
    ['1111'],
  ],
  [
    'thin-space phone',
    'call +44\u200920\u20097946\u20090958 now',
    'phone_number',
    ['7946', '0958'],
  ],
  [
    'full-width phone',
    'call ＋４４ ２０ ７９４６ ０９５８ now',
    'phone_number',
    ['７９４６', '7946'],
  ],
  ['full-width at sign', 'mail jane.roe＠example.com now', 'email', ['jane.roe']],
  ['decimal reference', 'mail jane.roe&#64;example.com now', 'email', ['jane.roe']],
  ['hex reference', 'mail jane.roe&#x40;example.com now', 'email', ['jane.roe']],
  ['\\u escape', 'mail jane.roe\\u0040example.com now', 'email', ['jane.roe']],
  [
    'full-width colon in a bot token',
    'token 123456789：AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0',
    'telegram_token',
    ['AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0'],
  ],
];

describe('look-alike characters', () => {
  it.each(LOOK_ALIKES)('masks a value written with %s', (_, text, rule, secrets) => {
    const { out, rules } = redact(text);
    expect(rules).toContain(rule);
    for (const secret of secrets) expect(out).not.toContain(secret);
  });

  it.each([
    ['Cyrillic text', 'Привет! Как дела? Встреча в 10:30, комната 4'],
    ['Japanese prices', '価格は１２３４円です'],
    ['compatibility forms without a secret', 'café ① ½ ﬁle — “quoted”'],
    ['a zero-width joiner in an emoji', 'family 👨\u200d👩\u200d👧 at 12:00'],
  ])('leaves %s exactly as written', (_, text) => {
    expect(redact(text)).toEqual({ out: text, rules: [] });
  });
});

describe('cards grouped with other separators', () => {
  it.each([
    ['dots', '4111.1111.1111.1111'],
    ['slashes', '4111/1111/1111/1111'],
    ['underscores', '4111_1111_1111_1111'],
    ['tabs', '4111\t1111\t1111\t1111'],
    ['en dashes', '4111\u20131111\u20131111\u20131111'],
    ['two spaces', '4111  1111  1111  1111'],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111'],
    ['dots, Amex 4-6-5', '3782.822463.10005'],
  ])('masks a card grouped with %s', (_, card) => {
    const { out, rules } = redact(`paid with ${card} today`);
    expect(out).toBe('paid with [REDACTED:payment_card] today');
    expect(rules).toEqual(['payment_card']);
  });

  it.each([
    ['a Luhn-invalid number', '4111.1111.1111.1112'],
    ['mixed separators', '4111.1111/1111.1111'],
    ['a dotted decimal', '1700000000.123456'],
    ['a version', '2024.1111.1111.1111.1'],
    ['an IPv4-like run', '4111.1111.1111.1111.5'],
  ])('leaves %s', (_, text) => {
    expect(redact(`value ${text} end`).out).toBe(`value ${text} end`);
  });
});
