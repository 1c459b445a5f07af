import { parser } from '@grafana/lezer-logql';
import { describe, expect, it } from 'vitest';
import {
  LOKI_INDEX_LABELS,
  LOKI_OPTIONAL_INDEX_LABELS,
  LOKI_STRUCTURED_METADATA,
} from '../support/loki-labels.js';
import {
  type CommittedQuery,
  dashboardQueries,
  ruleQueries,
  substituteGrafanaMacros,
} from './queries.js';
import { nodeTexts, syntaxErrors } from './syntax-tree.js';

const logql = [...dashboardQueries(), ...ruleQueries()].filter(
  (query) => query.language === 'logql',
);
const cases = logql.map((query): [string, CommittedQuery] => [query.where, query]);
// Proven present in Loki's mapping of real collector output (test/support/loki-labels.ts).
const lokiIndexLabels: readonly string[] = [...LOKI_INDEX_LABELS, ...LOKI_OPTIONAL_INDEX_LABELS];
const lokiFields: readonly string[] = [...lokiIndexLabels, ...LOKI_STRUCTURED_METADATA];

/** Names in stream selectors (must be index labels) and everywhere else (labels or metadata). */
function namesUsed(text: string): { selector: string[]; other: string[] } {
  const tree = parser.parse(text);
  const selector = nodeTexts(tree, text, ['Identifier'], 'Selector');
  const all = nodeTexts(tree, text, ['Identifier']);
  return { selector, other: all.filter((name) => !selector.includes(name)) };
}

describe('LogQL of the dashboards and alert rules', () => {
  it('covers the Loki panels and rules', () => {
    expect(logql.length).toBeGreaterThanOrEqual(5);
  });

  it.each(cases)('%s parses once Grafana substituted its macros', (_where, query) => {
    const text = substituteGrafanaMacros(query);
    expect(syntaxErrors(parser.parse(text), text)).toEqual([]);
  });

  it.each(cases)('%s selects streams by index labels only', (_where, query) => {
    const { selector } = namesUsed(substituteGrafanaMacros(query));
    expect(selector.length).toBeGreaterThan(0);
    for (const name of selector) expect(lokiIndexLabels).toContain(name);
  });

  it.each(cases)('%s filters and groups by fields Loki has', (_where, query) => {
    for (const name of namesUsed(substituteGrafanaMacros(query)).other) {
      expect(lokiFields).toContain(name);
    }
  });
});

describe('the LogQL checks can fail', () => {
  it('reports a range written with an unsubstituted Grafana macro', () => {
    const text = 'sum(count_over_time({service_name="bot"}[$__auto]))';
    expect(syntaxErrors(parser.parse(text), text)).not.toEqual([]);
  });

  it('tells a stream selector label from a structured-metadata filter', () => {
    expect(namesUsed('{telegram_user_hash="x"} | event_name="y"')).toEqual({
      selector: ['telegram_user_hash'],
      other: ['event_name'],
    });
  });
});
