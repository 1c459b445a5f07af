import { defaultValueRules, ENGINE_RULES } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../grafana/src/promql.js';

// The value rules that find personal data; every other rule finds a credential.
const PERSONAL_DATA_RULES = ['email', 'phone_number', 'payment_card', 'iban'];

const matchedRules = (): RegExp => {
  const pattern = /redaction_masked_rules=~"(.*)"$/.exec(secretRules)?.[1];
  if (!pattern) throw new Error(`unexpected selector: ${secretRules}`);
  return new RegExp(`^${pattern}$`);
};

describe('"Secrets caught" (security dashboard and alert rule)', () => {
  const credentialRules = [
    ...new Set(
      defaultValueRules
        .map((rule) => rule.name)
        .filter((name) => !PERSONAL_DATA_RULES.includes(name)),
    ),
    ENGINE_RULES.knownSecret,
    ENGINE_RULES.sensitiveKey,
  ];

  it.each(credentialRules)('counts a span in which %s fired', (rule) => {
    expect(matchedRules().test(`content,${rule},phone_number`)).toBe(true);
    expect(matchedRules().test(rule)).toBe(true);
  });

  it.each(PERSONAL_DATA_RULES)('does not count personal data alone (%s)', (rule) => {
    expect(matchedRules().test(rule)).toBe(false);
  });
});
