import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { prometheusLabels, prometheusMetrics } from './prometheus-names.js';
import {
  type CommittedQuery,
  dashboardQueries,
  ruleQueries,
  substituteGrafanaMacros,
  variableSelectors,
} from './queries.js';
import { nodeTexts, syntaxErrors } from './syntax-tree.js';

const promql = [...dashboardQueries(), ...ruleQueries(), ...variableSelectors()].filter(
  (query) => query.language === 'promql',
);
const cases = promql.map((query): [string, CommittedQuery] => [query.where, query]);

describe('PromQL of the dashboards and alert rules', () => {
  it('covers every Prometheus panel, rule and variable', () => {
    expect(promql.length).toBeGreaterThan(30);
  });

  it.each(cases)('%s parses', (_where, query) => {
    const text = substituteGrafanaMacros(query);
    expect(syntaxErrors(parser.parse(text), text)).toEqual([]);
  });

  it.each(cases)('%s uses only series and labels the collector produces', (_where, query) => {
    const text = substituteGrafanaMacros(query);
    const tree = parser.parse(text);
    const metrics = nodeTexts(tree, text, ['Identifier'], 'VectorSelector');
    expect(metrics.length).toBeGreaterThan(0);
    for (const metric of metrics) expect(prometheusMetrics).toContain(metric);
    for (const label of nodeTexts(tree, text, ['LabelName'])) {
      expect(prometheusLabels).toContain(label);
    }
  });
});

describe('the PromQL checks can fail', () => {
  it('reports a syntax error', () => {
    const text = 'sum by (service_name) (rate(telegram_spans_calls_total[5m])';
    expect(syntaxErrors(parser.parse(text), text)).not.toEqual([]);
  });

  it('leaves an unknown Grafana macro in place, which does not parse', () => {
    const query = {
      where: 'x',
      language: 'promql' as const,
      variables: [],
      expr: 'rate(a[$__unknown])',
    };
    const text = substituteGrafanaMacros(query);
    expect(syntaxErrors(parser.parse(text), text)).not.toEqual([]);
  });

  it('finds metric and label names to check', () => {
    const text = 'sum by (bogus_label) (rate(bogus_metric{x="1"}[5m]))';
    const tree = parser.parse(text);
    expect(nodeTexts(tree, text, ['Identifier'], 'VectorSelector')).toEqual(['bogus_metric']);
    expect(nodeTexts(tree, text, ['LabelName'])).toEqual(['bogus_label', 'x']);
  });
});
