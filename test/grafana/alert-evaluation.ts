// Grafana's evaluation of a file-provisioned alert rule over instant query results, as its
// expression engine and state manager do it: reduce / threshold / math nodes, then one state
// per label set (multi-dimensional rules). No Grafana runs here, so the tests that prove the
// rules fire apply these semantics to the real Prometheus answers.

export type Labels = Record<string, string>;
/** One series of a node's result; `null` is Grafana's "no value". */
export interface Instance {
  labels: Labels;
  value: number | null;
}
type NodeResult = { kind: 'noData' } | { kind: 'instances'; instances: Instance[] };

export interface RuleQuery {
  refId: string;
  datasourceUid: string;
  model: Record<string, unknown>;
}
export interface EvaluatedRule {
  condition: string;
  data: RuleQuery[];
  noDataState: 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
  execErrState: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
}
/** A data query's instant-vector answer: label sets (incl. `__name__`) and values (NaN allowed). */
export interface Sample {
  metric: Labels;
  value: number;
}

export type Evaluation =
  | { outcome: 'Error'; message: string }
  | { outcome: 'NoData' }
  | { outcome: 'Results'; instances: (Instance & { state: 'Alerting' | 'Normal' | 'NoData' })[] };

const isNumber = (value: number | null): value is number =>
  value !== null && Number.isFinite(value);

function reduce(input: NodeResult, model: Record<string, unknown>): NodeResult {
  if (input.kind === 'noData') return input;
  const reducer = String(model.reducer).toLowerCase();
  if (!['sum', 'mean', 'min', 'max', 'count', 'last'].includes(reducer)) {
    throw new Error(`reducer ${reducer} is not supported`);
  }
  const settings = (model.settings ?? {}) as { mode?: string; replaceWithValue?: number };
  // An instant query yields one number per series: the reducer has nothing to reduce, only the
  // mode acts on it.
  let instances = input.instances;
  if (settings.mode === 'dropNN') {
    instances = instances.filter((instance) => isNumber(instance.value));
  } else if (settings.mode === 'replaceNN') {
    if (typeof settings.replaceWithValue !== 'number') throw new Error('replaceNN needs a value');
    instances = instances.map((instance) =>
      isNumber(instance.value) ? instance : { ...instance, value: settings.replaceWithValue ?? 0 },
    );
  } else if (settings.mode !== undefined && settings.mode !== '') {
    throw new Error(`reducer mode ${settings.mode} is not supported`);
  }
  return instances.length === 0 ? { kind: 'noData' } : { kind: 'instances', instances };
}

const comparisons: Record<string, (value: number, params: number[]) => boolean> = {
  gt: (v, [a = 0]) => v > a,
  lt: (v, [a = 0]) => v < a,
  gte: (v, [a = 0]) => v >= a,
  lte: (v, [a = 0]) => v <= a,
  eq: (v, [a = 0]) => v === a,
  ne: (v, [a = 0]) => v !== a,
  within_range: (v, [a = 0, b = 0]) => v > a && v < b,
  outside_range: (v, [a = 0, b = 0]) => v < a || v > b,
  within_range_included: (v, [a = 0, b = 0]) => v >= a && v <= b,
  outside_range_included: (v, [a = 0, b = 0]) => v <= a || v >= b,
};

function threshold(input: NodeResult, model: Record<string, unknown>): NodeResult {
  if (input.kind === 'noData') return input;
  const conditions = model.conditions as { evaluator: { type: string; params: number[] } }[];
  const evaluator = conditions?.length === 1 ? conditions[0]?.evaluator : undefined;
  const compare = evaluator && comparisons[evaluator.type];
  if (!evaluator || !compare) throw new Error('threshold needs exactly one known evaluator');
  return {
    kind: 'instances',
    instances: input.instances.map(({ labels, value }) => ({
      labels,
      // null stays null; NaN compares false, except for "not equal".
      value:
        value === null
          ? null
          : Number.isNaN(value)
            ? Number(evaluator.type === 'ne')
            : Number(compare(value, evaluator.params)),
    })),
  };
}

// ---- math: `$A > 0.05 && $B < 1` style expressions over numbers and other nodes' instances.
type Operand = { kind: 'scalar'; value: number } | NodeResult;
const binary: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
  '>': (a, b) => Number(a > b),
  '<': (a, b) => Number(a < b),
  '>=': (a, b) => Number(a >= b),
  '<=': (a, b) => Number(a <= b),
  '==': (a, b) => Number(a === b),
  '!=': (a, b) => Number(a !== b),
  '&&': (a, b) => Number(a !== 0 && b !== 0),
  '||': (a, b) => Number(a !== 0 || b !== 0),
};
const precedence: string[][] = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['>', '<', '>=', '<='],
  ['+', '-'],
  ['*', '/', '%'],
];

const contains = (outer: Labels, inner: Labels): boolean =>
  Object.entries(inner).every(([key, value]) => outer[key] === value);

function combine(op: string, left: Operand, right: Operand): Operand {
  const apply = binary[op] as (a: number, b: number) => number;
  const on = (a: number | null, b: number | null) =>
    a === null || b === null ? null : apply(a, b);
  if (left.kind === 'scalar' && right.kind === 'scalar') {
    return { kind: 'scalar', value: apply(left.value, right.value) };
  }
  if (left.kind === 'noData' || right.kind === 'noData') return { kind: 'noData' };
  if (left.kind === 'scalar' && right.kind === 'instances') {
    return {
      kind: 'instances',
      instances: right.instances.map((i) => ({ ...i, value: on(left.value, i.value) })),
    };
  }
  if (left.kind === 'instances' && right.kind === 'scalar') {
    return {
      kind: 'instances',
      instances: left.instances.map((i) => ({ ...i, value: on(i.value, right.value) })),
    };
  }
  // Two sets: pair instances whose labels are equal or contain one another.
  const pairs: Instance[] = [];
  for (const a of (left as { instances: Instance[] }).instances) {
    for (const b of (right as { instances: Instance[] }).instances) {
      if (contains(a.labels, b.labels) || contains(b.labels, a.labels)) {
        const labels =
          Object.keys(a.labels).length >= Object.keys(b.labels).length ? a.labels : b.labels;
        pairs.push({ labels, value: on(a.value, b.value) });
      }
    }
  }
  return pairs.length === 0 ? { kind: 'noData' } : { kind: 'instances', instances: pairs };
}

function math(expression: string, results: Map<string, NodeResult>): NodeResult {
  const tokens =
    expression.match(/\$\{?\w+\}?|\d+(\.\d+)?(e[+-]?\d+)?|&&|\|\||[<>=!]=|[-+*/%<>()]/gi) ?? [];
  let position = 0;
  const primary = (): Operand => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`math: unexpected end of ${expression}`);
    if (token === '(') {
      const inner = level(0);
      if (tokens[position++] !== ')') throw new Error(`math: missing ) in ${expression}`);
      return inner;
    }
    if (token.startsWith('$')) {
      const result = results.get(token.replace(/^\$\{?|\}$/g, ''));
      if (!result) throw new Error(`math: unknown ${token}`);
      return result;
    }
    const value = Number(token);
    if (Number.isNaN(value)) throw new Error(`math: unexpected ${token}`);
    return { kind: 'scalar', value };
  };
  const level = (depth: number): Operand => {
    if (depth === precedence.length) return primary();
    let left = level(depth + 1);
    while (precedence[depth]?.includes(tokens[position] ?? '')) {
      const op = tokens[position++] as string;
      left = combine(op, left, level(depth + 1));
    }
    return left;
  };
  const result = level(0);
  if (position !== tokens.length) throw new Error(`math: cannot parse ${expression}`);
  return result.kind === 'scalar'
    ? { kind: 'instances', instances: [{ labels: {}, value: result.value }] }
    : result;
}

const labelKey = (labels: Labels): string =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Evaluates a rule once: runs its data queries with `run`, its expressions in order, and turns
 * the condition's instances into states (0 → Normal, null → NoData, any other number incl.
 * NaN → Alerting).
 */
export async function evaluateRule(
  rule: EvaluatedRule,
  run: (query: RuleQuery) => Promise<Sample[]>,
): Promise<Evaluation> {
  const results = new Map<string, NodeResult>();
  try {
    for (const query of rule.data) {
      if (query.datasourceUid !== '__expr__') {
        const samples = await run(query);
        // Grafana shows `__name__` as the series name, not as a label.
        const instances = samples.map(({ metric: { __name__: _name, ...labels }, value }) => ({
          labels,
          value,
        }));
        results.set(
          query.refId,
          instances.length ? { kind: 'instances', instances } : { kind: 'noData' },
        );
        continue;
      }
      const input = () =>
        results.get(String(query.model.expression).replace(/^\$/, '')) ?? {
          kind: 'noData' as const,
        };
      const type = query.model.type;
      if (type === 'reduce') results.set(query.refId, reduce(input(), query.model));
      else if (type === 'threshold') results.set(query.refId, threshold(input(), query.model));
      else if (type === 'math')
        results.set(query.refId, math(String(query.model.expression), results));
      else throw new Error(`expression type ${String(type)} is not supported here`);
    }
  } catch (error) {
    return { outcome: 'Error', message: (error as Error).message };
  }
  // Any node without data makes the whole evaluation NoData.
  if ([...results.values()].some((result) => result.kind === 'noData'))
    return { outcome: 'NoData' };
  const condition = results.get(rule.condition);
  if (condition === undefined || condition.kind === 'noData') return { outcome: 'NoData' };
  const keys = condition.instances.map((instance) => labelKey(instance.labels));
  if (new Set(keys).size !== keys.length) {
    return { outcome: 'Error', message: 'frame cannot uniquely be identified by its labels' };
  }
  return {
    outcome: 'Results',
    instances: condition.instances.map((instance) => ({
      ...instance,
      state: instance.value === null ? 'NoData' : instance.value === 0 ? 'Normal' : 'Alerting',
    })),
  };
}

/**
 * The state Grafana shows for the instance whose labels contain `labels`, after mapping no data
 * and errors through the rule's `noDataState` / `execErrState`. No instance at all means
 * Grafana keeps none for it: Normal.
 */
export function stateOf(
  evaluation: Evaluation,
  rule: Pick<EvaluatedRule, 'noDataState' | 'execErrState'>,
  labels: Labels,
): 'Normal' | 'Alerting' | 'NoData' | 'Error' {
  const mapped = (state: string): 'Normal' | 'Alerting' | 'NoData' | 'Error' => {
    if (state === 'KeepLast') throw new Error('KeepLast depends on the previous evaluation');
    return state === 'OK' ? 'Normal' : (state as 'Alerting' | 'NoData' | 'Error');
  };
  if (evaluation.outcome === 'Error') return mapped(rule.execErrState);
  if (evaluation.outcome === 'NoData') return mapped(rule.noDataState);
  const instance = evaluation.instances.find((candidate) => contains(candidate.labels, labels));
  if (instance === undefined) return 'Normal';
  return instance.state === 'NoData' ? mapped(rule.noDataState) : instance.state;
}
