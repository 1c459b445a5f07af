import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCommitted } from './provisioning-files.js';
import { buildTemplateChecker, type TemplateChecker } from './template-check.js';

// A rule's summary reaches the Telegram chat. Rendered as Grafana renders it, for an instance
// carrying only the labels the rule's query keeps (missing labels are errors here), so a
// summary cannot name a pseudonym or any other label the instance does not have.

interface Rule {
  uid: string;
  data: { model: { expr?: string } }[];
  annotations: Record<string, string>;
}
const { groups } = loadCommitted('provisioning/alerting/rules.yaml') as {
  groups: { rules: Rule[] }[];
};
const rules = groups.flatMap((group) => group.rules);

/** The labels of one alert instance: a collector exporter, or a bot. */
function instanceLabels(rule: Rule): Record<string, string> {
  const expr = rule.data[0]?.model.expr ?? '';
  return expr.includes('by (exporter)')
    ? { exporter: 'otlp_http/loki' }
    : { service_name: 'shop-bot', deployment_environment_name: 'production' };
}

describe('alert rule annotations', () => {
  let checker: TemplateChecker;
  beforeAll(() => {
    checker = buildTemplateChecker();
  });
  afterAll(() => checker?.close());

  it.each(rules.map((rule) => [rule.uid, rule]))(
    '%s: summary and description render with the instance’s own labels and values',
    (_uid, rule) => {
      const labels = instanceLabels(rule);
      const instance = {
        Labels: labels,
        Values: { A: { Value: 0.25 }, B: { Value: 0.25 }, C: { Value: 1 } },
      };
      for (const key of ['summary', 'description']) {
        const text = checker.annotation(rule.annotations[key] ?? '', instance);
        expect(text.length, key).toBeGreaterThan(10);
        expect(text).not.toContain('<no value>');
        if (rule.annotations[key]?.includes('$labels')) {
          expect(Object.values(labels).some((value) => text.includes(value))).toBe(true);
        }
      }
    },
  );

  it('a label the instance does not have fails to render', () => {
    expect(() =>
      checker.annotation('{{ $labels.telegram_user_hash }} flooded', {
        Labels: { service_name: 'shop-bot' },
        Values: {},
      }),
    ).toThrow(/no entry for key "telegram_user_hash"/);
  });
});
