import { describe, expect, it } from 'vitest';
import { type EvaluatedRule, evaluateRule, type Sample, stateOf } from './alert-evaluation.js';

const data = (refId: string) => ({ refId, datasourceUid: 'prometheus', model: { expr: 'x' } });
const reduce = (refId: string, expression: string, mode?: string) => ({
  refId,
  datasourceUid: '__expr__',
  model: { type: 'reduce', expression, reducer: 'last', ...(mode ? { settings: { mode } } : {}) },
});
const threshold = (refId: string, expression: string, type: string, params: number[]) => ({
  refId,
  datasourceUid: '__expr__',
  model: { type: 'threshold', expression, conditions: [{ evaluator: { type, params } }] },
});
const rule = (condition: string, ...queries: EvaluatedRule['data']): EvaluatedRule => ({
  condition,
  data: queries,
  noDataState: 'OK',
  execErrState: 'Error',
});
const bot = (name: string, value: number): Sample => ({
  metric: { __name__: 'm', service_name: name },
  value,
});
const answer = (samples: Sample[]) => async () => samples;

describe("Grafana's rule evaluation, reproduced", () => {
  const standard = rule('C', data('A'), reduce('B', 'A', 'dropNN'), threshold('C', 'B', 'gt', [5]));

  it('one instance per series: above the threshold Alerting, below Normal', async () => {
    const evaluation = await evaluateRule(standard, answer([bot('a', 7), bot('b', 3)]));
    expect(evaluation).toEqual({
      outcome: 'Results',
      instances: [
        { labels: { service_name: 'a' }, value: 1, state: 'Alerting' },
        { labels: { service_name: 'b' }, value: 0, state: 'Normal' },
      ],
    });
    expect(stateOf(evaluation, standard, { service_name: 'a' })).toBe('Alerting');
    expect(stateOf(evaluation, standard, { service_name: 'b' })).toBe('Normal');
    expect(stateOf(evaluation, standard, { service_name: 'c' })).toBe('Normal');
  });

  it('an empty answer is NoData for the whole rule, mapped through noDataState', async () => {
    const evaluation = await evaluateRule(standard, answer([]));
    expect(evaluation).toEqual({ outcome: 'NoData' });
    expect(stateOf(evaluation, standard, {})).toBe('Normal');
    expect(stateOf(evaluation, { ...standard, noDataState: 'Alerting' }, {})).toBe('Alerting');
  });

  it('dropNN drops a NaN instance; dropping all of them is NoData', async () => {
    const some = await evaluateRule(standard, answer([bot('a', Number.NaN), bot('b', 9)]));
    expect(some.outcome === 'Results' && some.instances.map((i) => i.labels)).toEqual([
      { service_name: 'b' },
    ]);
    expect(await evaluateRule(standard, answer([bot('a', Number.NaN)]))).toEqual({
      outcome: 'NoData',
    });
  });

  it('a NaN condition value fires, but a threshold compares NaN as false (except ne)', async () => {
    const strict = rule('B', data('A'), reduce('B', 'A'));
    const nan = answer([bot('a', Number.NaN)]);
    expect(stateOf(await evaluateRule(strict, nan), strict, {})).toBe('Alerting');
    const gt = rule('C', data('A'), reduce('B', 'A'), threshold('C', 'B', 'gt', [0]));
    expect(stateOf(await evaluateRule(gt, nan), gt, {})).toBe('Normal');
    const ne = rule('C', data('A'), reduce('B', 'A'), threshold('C', 'B', 'ne', [0]));
    expect(stateOf(await evaluateRule(ne, nan), ne, {})).toBe('Alerting');
  });

  it('range evaluators and replaceNN', async () => {
    const within = rule(
      'C',
      data('A'),
      {
        ...reduce('B', 'A'),
        model: { ...reduce('B', 'A').model, settings: { mode: 'replaceNN', replaceWithValue: 2 } },
      },
      threshold('C', 'B', 'within_range', [1, 3]),
    );
    expect(stateOf(await evaluateRule(within, answer([bot('a', Number.NaN)])), within, {})).toBe(
      'Alerting',
    );
    expect(stateOf(await evaluateRule(within, answer([bot('a', 3)])), within, {})).toBe('Normal');
  });

  it('math joins instances by label subsets and compares', async () => {
    const both = rule('C', data('A'), data('B'), {
      refId: 'C',
      datasourceUid: '__expr__',
      model: { type: 'math', expression: '$A / $B > 0.5 && $A >= 2' },
    });
    const run = async (query: { refId: string }) =>
      query.refId === 'A'
        ? [bot('a', 2), bot('b', 1)]
        : [
            { metric: { service_name: 'a' }, value: 3 },
            { metric: { service_name: 'b' }, value: 10 },
          ];
    const evaluation = await evaluateRule(both, run);
    expect(stateOf(evaluation, both, { service_name: 'a' })).toBe('Alerting');
    expect(stateOf(evaluation, both, { service_name: 'b' })).toBe('Normal');
  });

  it('errors: an unsupported reducer mode, duplicate label sets; mapped through execErrState', async () => {
    const badMode = rule(
      'C',
      data('A'),
      reduce('B', 'A', 'strict'),
      threshold('C', 'B', 'gt', [0]),
    );
    const failed = await evaluateRule(badMode, answer([bot('a', 1)]));
    expect(failed).toMatchObject({ outcome: 'Error' });
    expect(stateOf(failed, badMode, {})).toBe('Error');
    const duplicates = await evaluateRule(
      standard,
      answer([bot('a', 1), { metric: { __name__: 'other', service_name: 'a' }, value: 2 }]),
    );
    expect(duplicates).toMatchObject({ outcome: 'Error' });
    expect(stateOf(duplicates, { ...standard, execErrState: 'Alerting' }, {})).toBe('Alerting');
  });
});
