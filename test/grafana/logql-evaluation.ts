import { parser } from '@grafana/lezer-logql';
import type { LokiEntry } from '@telegraf-otel/test-utils/loki-mapping';
import type { Sample } from './alert-evaluation.js';

// Evaluates the LogQL shape the alert rules use — vector aggregations (sum, max, min, count)
// over `count_over_time` of a stream selector with label filters — on entries mapped from real
// collector output as Loki maps them. No Loki runs here; the range is taken to cover every entry.

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];
type Labels = Record<string, string>;

const children = (node: SyntaxNode): SyntaxNode[] => {
  const found: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) found.push(child);
  return found;
};

/** Every Matcher below `node` (not descending into nested log queries). */
function matchers(node: SyntaxNode, text: string): ((labels: Labels) => boolean)[] {
  const found: ((labels: Labels) => boolean)[] = [];
  const visit = (current: SyntaxNode): void => {
    if (current.name === 'Matcher') {
      const [name, op, value] = children(current);
      if (!name || !op || !value) throw new Error('incomplete matcher');
      const label = text.slice(name.from, name.to);
      const raw = text.slice(value.from, value.to);
      const wanted: string = raw.startsWith('`') ? raw.slice(1, -1) : JSON.parse(raw);
      const regex = new RegExp(`^(?:${wanted})$`);
      const test = {
        Eq: (v: string) => v === wanted,
        Neq: (v: string) => v !== wanted,
        Re: (v: string) => regex.test(v),
        Nre: (v: string) => !regex.test(v),
      }[op.name];
      if (!test) throw new Error(`matcher operator ${op.name} is not supported`);
      found.push((labels) => test(labels[label] ?? ''));
      return;
    }
    for (const child of children(current)) visit(child);
  };
  visit(node);
  return found;
}

const aggregate = (op: string, values: number[]): number => {
  if (op === 'sum') return values.reduce((a, b) => a + b, 0);
  if (op === 'max') return Math.max(...values);
  if (op === 'min') return Math.min(...values);
  if (op === 'count') return values.length;
  throw new Error(`vector operation ${op} is not supported`);
};

function evaluate(node: SyntaxNode, text: string, entries: LokiEntry[]): Sample[] {
  if (node.name === 'VectorAggregationExpr') {
    const op = node.getChild('VectorOp');
    const grouping = node.getChild('Grouping');
    const inner = node.getChild('MetricExpr');
    if (!op || !inner) throw new Error('unsupported vector aggregation');
    const by = grouping ? nodeNames(grouping, text) : [];
    const groups = new Map<string, { metric: Labels; values: number[] }>();
    for (const sample of evaluate(inner, text, entries)) {
      const metric = Object.fromEntries(by.map((label) => [label, sample.metric[label] ?? '']));
      const key = JSON.stringify(metric);
      const group = groups.get(key) ?? { metric, values: [] };
      group.values.push(sample.value);
      groups.set(key, group);
    }
    const operation = text.slice(op.from, op.to);
    return [...groups.values()].map(({ metric, values }) => ({
      metric,
      value: aggregate(operation, values),
    }));
  }
  if (node.name === 'RangeAggregationExpr') {
    const op = node.getChild('RangeOp');
    const range = node.getChild('LogRangeExpr');
    if (!op || text.slice(op.from, op.to) !== 'count_over_time' || !range) {
      throw new Error('only count_over_time is supported');
    }
    const selector = range.getChild('Selector');
    const pipeline = range.getChild('PipelineExpr');
    if (!selector) throw new Error('a log range needs a stream selector');
    const streamMatchers = matchers(selector, text);
    const filters = pipeline ? matchers(pipeline, text) : [];
    const counts = new Map<string, Sample>();
    for (const entry of entries) {
      // Filters see labels and structured metadata; the series keeps both as its labels.
      const all = { ...entry.structuredMetadata, ...entry.labels };
      if (!streamMatchers.every((match) => match(entry.labels))) continue;
      if (!filters.every((match) => match(all))) continue;
      const key = JSON.stringify(Object.entries(all).sort());
      const sample = counts.get(key) ?? { metric: all, value: 0 };
      sample.value += 1;
      counts.set(key, sample);
    }
    return [...counts.values()];
  }
  const inner = children(node).find((child) =>
    ['MetricExpr', 'Expr', 'VectorAggregationExpr', 'RangeAggregationExpr'].includes(child.name),
  );
  if (!inner) throw new Error(`unsupported LogQL node ${node.name}`);
  return evaluate(inner, text, entries);
}

/** Identifier texts of a Grouping node (`by (a, b)`). */
function nodeNames(grouping: SyntaxNode, text: string): string[] {
  const names: string[] = [];
  const visit = (node: SyntaxNode): void => {
    if (node.name === 'Identifier') names.push(text.slice(node.from, node.to));
    for (const child of children(node)) visit(child);
  };
  visit(grouping);
  return names;
}

/** The instant result of a LogQL metric query over `entries`. */
export function evaluateLogQuery(expr: string, entries: LokiEntry[]): Sample[] {
  const tree = parser.parse(expr);
  return evaluate(tree.topNode, expr, entries);
}
