import { buildLogRecords, exportLogsOrThrow } from '@telegraf-otel/test-utils/otlp-log-sender';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterEach, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';

const resource = { 'service.name': 'fault-test-bot' };
const LOKI_EXPORTER = 'exporter="otlp_http/loki"';
/** What exporterhelper logs when an export fails and it schedules another attempt. */
const RETRYING = /Exporting failed\. Will retry the request after interval/;

/** Emits `count` numbered records in batches of 10, as a bot's batch processor would. */
async function emit(stack: CollectorStack, prefix: string, count: number): Promise<string[]> {
  const sender = stack.sender();
  const bodies = Array.from({ length: count }, (_, index) => `${prefix} ${index}`);
  for (let start = 0; start < count; start += 10) {
    const batch = bodies.slice(start, start + 10).map((body) => ({ body }));
    await exportLogsOrThrow(sender, await buildLogRecords(resource, batch));
  }
  return bodies;
}

const queued = (stack: CollectorStack): Promise<number> =>
  stack.collector.metric('otelcol_exporter_queue_size', LOKI_EXPORTER);

/** An empty queue has nothing left to send: a duplicate could no longer arrive late. */
function waitForDrainedQueue(stack: CollectorStack): Promise<boolean> {
  return waitFor('an empty Loki exporter queue', async () => (await queued(stack)) === 0);
}

function deliveredBodies(stack: CollectorStack): string[] {
  return stack.loki.records.map((record) => String(record.body)).sort();
}

describeWithCollector('collector faults: nothing is lost', () => {
  let stack: CollectorStack | undefined;
  afterEach(async () => {
    await stack?.close();
    stack = undefined;
  });

  it('delivers every record once Loki comes back after an outage', async () => {
    stack = await startCollectorStack();
    const running = stack;
    await running.loki.stop();
    const emitted = await emit(running, 'outage', 50);
    // The exporter keeps failing and retrying while Loki is down; the records wait in the queue.
    await waitFor('retries against the stopped Loki', () =>
      RETRYING.test(running.collector.output()),
    );
    await waitFor(
      'records waiting in the Loki exporter queue',
      async () => (await queued(running)) > 0,
    );
    expect(running.loki.records).toHaveLength(0);

    await running.loki.start();
    await running.loki.waitForRecords(emitted.length);
    await waitForDrainedQueue(running);
    expect(deliveredBodies(running)).toEqual([...emitted].sort());
  });

  it.each(['stop', 'crash'] as const)(
    'keeps queued records on disk across a collector %s during the outage',
    async (how) => {
      stack = await startCollectorStack();
      const running = stack;
      await running.loki.stop();
      const emitted = await emit(running, `restart-${how}`, 40);
      await waitFor('the records to sit in the persistent queue', async () => {
        return (await running.collector.metric('otelcol_exporter_queue_size', LOKI_EXPORTER)) > 0;
      });

      const restarted = await running.restartCollector(how);
      // A new process, with the records it never received over OTLP already in its queue: read from disk.
      await waitFor('the restarted collector to load the queue from disk', async () => {
        return (await restarted.metric('otelcol_exporter_queue_size', LOKI_EXPORTER)) > 0;
      });
      expect(running.loki.records).toHaveLength(0);
      await running.loki.start();
      await running.loki.waitForRecords(emitted.length, 30_000).catch((error: Error) => {
        throw new Error(`${error.message}\n${restarted.output().slice(-4000)}`);
      });
      await waitForDrainedQueue(running);
      expect(deliveredBodies(running)).toEqual([...emitted].sort());
    },
  );
});
