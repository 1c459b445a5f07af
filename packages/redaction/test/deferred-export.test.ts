import { SeverityNumber } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  RedactingLogRecordExporter,
  RedactingSpanExporter,
  type Redactor,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { newRedactor } from './support/pipelines.js';

const resource = resourceFromAttributes({ 'service.name': 'deferred-bot' });

/** A real redactor whose method calls are counted, to see when redaction has run. */
// The methods that redact (polling secret sources before an export is no redaction work).
const REDACTING = new Set([
  'redactString',
  'redactValue',
  'snapshotValue',
  'redactAttributes',
  'inTrace',
]);

function observedRedactor(): { redactor: Redactor; calls: () => number } {
  const real = newRedactor(CANARY.webhookSecret);
  let calls = 0;
  const redactor = new Proxy(real, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || !REDACTING.has(String(property))) return value;
      return (...args: unknown[]) => {
        calls++;
        return value.apply(target, args);
      };
    },
  });
  return { redactor, calls: () => calls };
}

/** Real finished spans carrying canaries, captured from an unredacted pipeline. */
async function finishedSpans(count: number): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  for (let i = 0; i < count; i++) {
    provider
      .getTracer('test')
      .startSpan(`GET ${CANARY.email}`, { attributes: { 'app.note': `card ${CANARY.card}` } })
      .end();
  }
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

/** Real log records carrying canaries, captured from an unredacted pipeline. */
async function emittedLogs(count: number): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource,
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  for (let i = 0; i < count; i++) {
    provider.getLogger('app').emit({
      severityNumber: SeverityNumber.INFO,
      body: `hello ${CANARY.email}`,
      attributes: { 'user.phone': CANARY.phone },
    });
  }
  await provider.forceFlush();
  return memory.getFinishedLogRecords();
}

/** Starts an export; `results` collects every callback, `done` resolves with the first. */
function startExport<T>(
  exporter: { export(records: T[], done: (result: ExportResult) => void): void },
  records: T[],
): { results: ExportResult[]; done: Promise<ExportResult> } {
  const results: ExportResult[] = [];
  const done = new Promise<ExportResult>((resolve) =>
    exporter.export(records, (result) => {
      results.push(result);
      resolve(result);
    }),
  );
  return { results, done };
}

/** An in-memory span exporter that logs the order of export() and shutdown() calls. */
class OrderedSpanExporter extends InMemorySpanExporter {
  readonly calls: string[] = [];

  override export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.calls.push('export');
    super.export(spans, done);
  }

  override shutdown(): Promise<void> {
    this.calls.push('shutdown');
    return super.shutdown();
  }
}

class OrderedLogExporter extends InMemoryLogRecordExporter {
  readonly calls: string[] = [];

  override export(logs: ReadableLogRecord[], done: (result: ExportResult) => void): void {
    this.calls.push('export');
    super.export(logs, done);
  }

  override shutdown(): Promise<void> {
    this.calls.push('shutdown');
    return super.shutdown();
  }
}

describe('RedactingSpanExporter defers redaction off the caller stack', () => {
  it('returns before redacting; forceFlush waits for the redacted batch to be handed on', async () => {
    const spans = await finishedSpans(3);
    const { redactor, calls } = observedRedactor();
    const memory = new InMemorySpanExporter();
    const exporter = new RedactingSpanExporter(memory, redactor);

    const { results, done } = startExport(exporter, spans);

    expect(calls()).toBe(0);
    expect(results).toEqual([]);
    expect(memory.getFinishedSpans()).toEqual([]);
    await exporter.forceFlush();
    expect(calls()).toBeGreaterThan(0);
    expect(memory.getFinishedSpans()).toHaveLength(3);
    expect(await done).toEqual({ code: ExportResultCode.SUCCESS });
    expect(results).toHaveLength(1);
    expect(leakedCanaries(JSON.stringify(memory.getFinishedSpans().map((s) => s.name)))).toEqual(
      [],
    );
    expect(memory.getFinishedSpans()[0]?.attributes['app.note']).toBe(
      'card [REDACTED:payment_card]',
    );
  });

  it('shutdown waits for pending exports before shutting the wrapped exporter down', async () => {
    const inner = new OrderedSpanExporter();
    const exporter = new RedactingSpanExporter(inner, newRedactor());
    const first = startExport(exporter, await finishedSpans(2));
    const second = startExport(exporter, await finishedSpans(1));

    await exporter.shutdown();

    expect(inner.calls).toEqual(['export', 'export', 'shutdown']);
    // The in-memory exporter fails exports that arrive after its shutdown.
    expect(await Promise.all([first.done, second.done])).toEqual([
      { code: ExportResultCode.SUCCESS },
      { code: ExportResultCode.SUCCESS },
    ]);
  });

  it('reports exactly one failure when the wrapped exporter throws, and nothing escapes', async () => {
    const inner = new InMemorySpanExporter();
    inner.export = () => {
      throw new Error('exporter broke');
    };
    const exporter = new RedactingSpanExporter(inner, newRedactor());
    const { results, done } = startExport(exporter, await finishedSpans(1));
    await exporter.forceFlush();
    expect((await done).code).toBe(ExportResultCode.FAILED);
    expect(results).toHaveLength(1);
    expect(results[0]?.error?.message).toBe('exporter broke');
  });

  it('reports exactly once when the wrapped exporter calls back and then throws', async () => {
    const inner = new InMemorySpanExporter();
    inner.export = (_spans, done) => {
      done({ code: ExportResultCode.SUCCESS });
      throw new Error('exporter broke after reporting');
    };
    const exporter = new RedactingSpanExporter(inner, newRedactor());
    const { results } = startExport(exporter, await finishedSpans(1));
    await exporter.forceFlush();
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
  });
});

describe('RedactingLogRecordExporter defers redaction off the caller stack', () => {
  it('returns before redacting; forceFlush waits for the redacted batch to be handed on', async () => {
    const records = await emittedLogs(2);
    const { redactor, calls } = observedRedactor();
    const memory = new InMemoryLogRecordExporter();
    const exporter = new RedactingLogRecordExporter(memory, redactor);

    const { results, done } = startExport(exporter, records);

    expect(calls()).toBe(0);
    expect(results).toEqual([]);
    expect(memory.getFinishedLogRecords()).toEqual([]);
    await exporter.forceFlush();
    expect(calls()).toBeGreaterThan(0);
    expect(await done).toEqual({ code: ExportResultCode.SUCCESS });
    const exported = memory.getFinishedLogRecords();
    expect(exported.map((r) => r.body)).toEqual([
      'hello [REDACTED:email]',
      'hello [REDACTED:email]',
    ]);
    expect(exported[0]?.attributes['user.phone']).toBe('[REDACTED:sensitive_key]');
  });

  it('shutdown waits for pending exports before shutting the wrapped exporter down', async () => {
    const inner = new OrderedLogExporter();
    const exporter = new RedactingLogRecordExporter(inner, newRedactor());
    const { done } = startExport(exporter, await emittedLogs(1));

    await exporter.shutdown();

    expect(inner.calls).toEqual(['export', 'shutdown']);
    // The in-memory exporter fails exports that arrive after its shutdown.
    expect(await done).toEqual({ code: ExportResultCode.SUCCESS });
  });
});
