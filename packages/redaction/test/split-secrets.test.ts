import { createRedactor, defaultPolicy, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const TOKEN = '123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0';
const WEBHOOK_SECRET = 'wh-Secret-9f8e7d6c5b4a3210';
const redactor = createRedactor({ ...defaultPolicy, secrets: [TOKEN, WEBHOOK_SECRET] });
const redact = (text: string) => {
  const tally = new RedactionTally();
  return { out: redactor.redactString(text, tally), rules: tally.ruleNames() };
};

describe('a registered secret broken by whitespace (a wrapped line)', () => {
  it.each([
    ['a line break', `token ${TOKEN.slice(0, 23)}\n${TOKEN.slice(23)} end`],
    ['a CRLF and an indent', `token ${TOKEN.slice(0, 30)}\r\n    ${TOKEN.slice(30)} end`],
    ['spaces', `token ${TOKEN.slice(0, 12)} ${TOKEN.slice(12, 24)} ${TOKEN.slice(24)} end`],
    [
      'a line break, webhook secret',
      `secret ${WEBHOOK_SECRET.slice(0, 9)}\n${WEBHOOK_SECRET.slice(9)} end`,
    ],
  ])('is masked whole across %s', (_, text) => {
    const { out, rules } = redact(text);
    expect(out).toMatch(/^(token|secret) \[REDACTED:known_secret\] end$/);
    expect(rules).toContain('known_secret');
  });

  it.each([
    ['the public bot id beside other words', 'bot 123456789 started, 2 handlers'],
    ['the start of the secret with other text after it', 'wh-Secret-9f8 and then something else'],
  ])('leaves %s', (_, text) => {
    expect(redact(text)).toEqual({ out: text, rules: [] });
  });
});
