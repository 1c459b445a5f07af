import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTelemetry } from '../src/index.js';
import { PSEUDONYM_KEY } from './support/canaries.js';

let dir: string;
let telemetry: ReturnType<typeof startTelemetry>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'drop-report-'));
  telemetry = startTelemetry({
    serviceName: 'drop-report-test',
    file: join(dir, 'telemetry.jsonl'),
    pseudonymKey: PSEUDONYM_KEY,
    // A queue of two spans: a burst of ten overflows it.
    maxQueueSize: 2,
    scheduledDelayMillis: 20,
    dropReportIntervalMillis: 100,
    handleSignals: false,
  });
});

afterAll(async () => {
  await telemetry?.shutdown();
  await rm(dir, { recursive: true, force: true });
});

const exportedSpans = async () => {
  const text = await readFile(join(dir, 'telemetry.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const record = JSON.parse(line) as {
        resourceSpans?: {
          scopeSpans: {
            spans: {
              name: string;
              attributes: { key: string; value: Record<string, unknown> }[];
            }[];
          }[];
        }[];
      };
      return (record.resourceSpans ?? []).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    });
};

it('records each drop report as a telegram.telemetry.dropped span the collector can count', async () => {
  const tracer = trace.getTracer('burst');
  for (let i = 0; i < 10; i++) tracer.startSpan(`burst ${i}`).end();
  const report = await waitFor(
    'a telegram.telemetry.dropped span in the file',
    async () => (await exportedSpans()).find((span) => span.name === 'telegram.telemetry.dropped'),
    { timeoutMs: 10_000 },
  );
  const attributes = Object.fromEntries(
    report.attributes.map((a) => [a.key, Object.values(a.value)[0]]),
  );
  expect(attributes['telegram.telemetry.signal']).toBe('spans');
  expect(Number(attributes['telegram.telemetry.dropped_count'])).toBeGreaterThan(0);
  expect(attributes['error.type']).toContain('queue_full');
  expect(telemetry.dropped().spans).toBeGreaterThanOrEqual(
    Number(attributes['telegram.telemetry.dropped_count']),
  );
});
