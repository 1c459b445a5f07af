import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeWithMetricsStack,
  type MetricsStack,
  startMetricsStack,
} from '../support/metrics-stack.js';
import { type EvaluatedRule, evaluateRule, stateOf } from './alert-evaluation.js';
import { loadCommitted } from './provisioning-files.js';

// The "Collector export queue filling" rule needs a queue that fills: with compose's 200 000
// records that takes too long for a test, so this collector (the same collector/config.yaml)
// gets a queue of 40 records, and Loki goes down while a bot keeps logging.

const QUEUE_SIZE = 40;
const LOKI_EXPORTER = 'otlp_http/loki';
const { groups } = loadCommitted('provisioning/alerting/rules.yaml') as {
  groups: { rules: (EvaluatedRule & { uid: string })[] }[];
};
const rule = groups
  .flatMap((group) => group.rules)
  .find((candidate) => candidate.uid === 'telegram-collector-queue-filling');

describeWithMetricsStack('the collector queue-filling rule, with a small queue', () => {
  let stack: MetricsStack;
  const evaluate = () => {
    if (!rule) throw new Error('no rule telegram-collector-queue-filling');
    return evaluateRule(rule, (query) => stack.prometheus.query(String(query.model.expr)));
  };

  beforeAll(async () => {
    stack = await startMetricsStack({
      collectorEnv: { OTELCOL_QUEUE_SIZE: String(QUEUE_SIZE), OTELCOL_BATCH_MIN_SIZE: '10' },
    });
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('is Normal while Loki takes every record', async () => {
    const bot = await stack.startBot({ serviceName: 'queue-bot' });
    await bot.send('/start', 'hello');
    await bot.stop();
    await stack.waitForQuery(
      `otelcol_exporter_queue_capacity{job="otelcol", exporter="${LOKI_EXPORTER}"}`,
      (samples) => samples[0]?.value === QUEUE_SIZE,
    );
    const evaluation = await evaluate();
    if (!rule) throw new Error('no rule');
    expect(stateOf(evaluation, rule, { exporter: LOKI_EXPORTER })).toBe('Normal');
  });

  it('fires for the Loki exporter once Loki is down and its queue is more than 80 % full', async () => {
    await stack.loki.stop();
    const bot = await stack.startBot({ serviceName: 'queue-bot-2' });
    // Each update writes at least one record (telegram.update.handled), exported in small batches
    // one after another (a request larger than the room left would be refused whole). The
    // exporter's consumers each hold one batch while they retry; later records wait in the queue.
    for (let i = 0; i < QUEUE_SIZE * 2; i += 1) await bot.send('hello');
    await bot.stop();
    await stack.waitForQuery(
      `otelcol_exporter_queue_size{job="otelcol", exporter="${LOKI_EXPORTER}"}`,
      (samples) => (samples[0]?.value ?? 0) >= QUEUE_SIZE * 0.8,
      60_000,
    );
    const evaluation = await evaluate();
    if (!rule) throw new Error('no rule');
    expect(stateOf(evaluation, rule, { exporter: LOKI_EXPORTER })).toBe('Alerting');
    expect(stateOf(evaluation, rule, { exporter: 'otlp_grpc/tempo' })).toBe('Normal');
  }, 120_000);
});
