import { SeverityNumber, SpanStatusCode } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanExporter,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  createRedactor,
  RedactingLogRecordExporter,
  RedactingLogRecordProcessor,
  RedactingSpanExporter,
  RedactingSpanProcessor,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// Each component is tested on its own here: behind a processor, the exporter wrapper would hide
// what the processor left in place (and the other way round).
const SECRET = 'Zq7vLx2PmN9wRt4K';
const MARK = '[REDACTED:known_secret]';

function redactorWithSecret() {
  const redactor = createRedactor();
  redactor.addSecret(SECRET);
  return redactor;
}

/** Spans through the span processor alone, exported raw afterwards. */
function processorOnly() {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: [
      new RedactingSpanProcessor(redactorWithSecret()),
      new SimpleSpanProcessor({ exporter: memory }),
    ],
  });
  return { tracer: provider.getTracer('t'), memory };
}

describe('RedactingSpanProcessor on its own', () => {
  it('renames a key that held a secret: the original key is gone', () => {
    const { tracer, memory } = processorOnly();
    tracer.startSpan('op', { attributes: { [`k-${SECRET}`]: 'v', plain: 'p' } }).end();
    const [span] = memory.getFinishedSpans();
    expect(span?.attributes).toEqual({
      [`k-${MARK}`]: 'v',
      plain: 'p',
      'redaction.masked.count': 1,
      'redaction.masked.rules': 'known_secret',
    });
  });

  it('keeps the untouched keys where they were and appends the renamed one', () => {
    const { tracer, memory } = processorOnly();
    tracer.startSpan('op', { attributes: { a: 1, [`k-${SECRET}`]: 'v', z: 2 } }).end();
    expect(Object.keys(memory.getFinishedSpans()[0]?.attributes ?? {})).toEqual([
      'a',
      'z',
      `k-${MARK}`,
      'redaction.masked.count',
      'redaction.masked.rules',
    ]);
  });

  it('writes back name, values, status message, events and links', () => {
    const { tracer, memory } = processorOnly();
    const linked = tracer.startSpan('linked');
    linked.end();
    const span = tracer.startSpan(`op ${SECRET}`, {
      links: [{ context: linked.spanContext(), attributes: { note: SECRET } }],
      attributes: { a: `x ${SECRET}` },
    });
    span.addEvent(`ev ${SECRET}`, { detail: SECRET });
    span.addEvent('clean', { detail: 'ok' });
    span.setStatus({ code: SpanStatusCode.ERROR, message: `failed ${SECRET}` });
    span.end();
    const out = memory.getFinishedSpans().find((s) => s.name !== 'linked') as ReadableSpan;
    expect(out.name).toBe(`op ${MARK}`);
    expect(out.attributes.a).toBe(`x ${MARK}`);
    expect(out.status).toEqual({ code: SpanStatusCode.ERROR, message: `failed ${MARK}` });
    expect(out.events.map((e) => [e.name, e.attributes])).toEqual([
      [`ev ${MARK}`, { detail: MARK }],
      ['clean', { detail: 'ok' }],
    ]);
    expect(out.links[0]?.attributes).toEqual({ note: MARK });
    expect(out.attributes['redaction.masked.count']).toBe(6);
  });

  it('leaves a clean span as it was, with no counters', () => {
    const { tracer, memory } = processorOnly();
    const span = tracer.startSpan('clean op', { attributes: { a: 1 } });
    span.setStatus({ code: SpanStatusCode.OK });
    span.end();
    const [out] = memory.getFinishedSpans();
    expect(out?.name).toBe('clean op');
    expect(out?.attributes).toEqual({ a: 1 });
    expect(out?.status).toEqual({ code: SpanStatusCode.OK });
  });

  it('adds its counts to counters already on the span', () => {
    const { tracer, memory } = processorOnly();
    tracer
      .startSpan('op', {
        attributes: {
          'redaction.masked.count': 2,
          'redaction.masked.rules': 'email',
          note: SECRET,
        },
      })
      .end();
    expect(memory.getFinishedSpans()[0]?.attributes).toEqual({
      'redaction.masked.count': 3,
      'redaction.masked.rules': 'email,known_secret',
      note: MARK,
    });
  });

  it('resolves forceFlush and shutdown at once', async () => {
    const processor = new RedactingSpanProcessor(createRedactor());
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    await expect(processor.shutdown()).resolves.toBeUndefined();
  });
});

describe('RedactingLogRecordProcessor on its own', () => {
  function logs() {
    const memory = new InMemoryLogRecordExporter();
    const provider = new LoggerProvider({
      processors: [
        new RedactingLogRecordProcessor(redactorWithSecret()),
        new SimpleLogRecordProcessor({ exporter: memory }),
      ],
    });
    return { logger: provider.getLogger('t'), memory };
  }

  it('writes back body, renamed keys, event name and severity text, with counters', () => {
    const { logger, memory } = logs();
    logger.emit({
      body: { text: `hi ${SECRET}` },
      attributes: { [`k-${SECRET}`]: 'v', plain: 'p' },
      eventName: `event.${SECRET}`,
      severityText: `WARN ${SECRET}`,
      severityNumber: SeverityNumber.WARN,
    });
    const [record] = memory.getFinishedLogRecords();
    expect(record?.body).toEqual({ text: `hi ${MARK}` });
    expect(record?.attributes).toEqual({
      [`k-${MARK}`]: 'v',
      plain: 'p',
      'redaction.masked.count': 4,
      'redaction.masked.rules': 'known_secret',
    });
    expect(record?.eventName).toBe(`event.${MARK}`);
    expect(record?.severityText).toBe(`WARN ${MARK}`);
  });

  it('keeps the untouched attribute keys where they were and appends the renamed one', () => {
    const { logger, memory } = logs();
    logger.emit({ body: 'b', attributes: { a: 1, [`k-${SECRET}`]: 'v', z: 2 } });
    expect(Object.keys(memory.getFinishedLogRecords()[0]?.attributes ?? {})).toEqual([
      'a',
      'z',
      `k-${MARK}`,
      'redaction.masked.count',
      'redaction.masked.rules',
    ]);
  });

  it('leaves a clean record, and its missing event name and severity text, as they were', () => {
    const { logger, memory } = logs();
    logger.emit({ body: 'hello', attributes: { a: 1 } });
    const [record] = memory.getFinishedLogRecords();
    expect(record?.body).toBe('hello');
    expect(record?.attributes).toEqual({ a: 1 });
    expect(record?.eventName).toBeUndefined();
    expect(record?.severityText).toBeUndefined();
  });

  it('resolves forceFlush and shutdown at once', async () => {
    const processor = new RedactingLogRecordProcessor(createRedactor());
    await expect(processor.forceFlush()).resolves.toBeUndefined();
    await expect(processor.shutdown()).resolves.toBeUndefined();
  });
});

/** Spans exported raw to the wrapper only (no processor), captured by an in-memory exporter. */
function exporterOnly(resource = resourceFromAttributes({ 'service.name': 'svc' })) {
  const redactor = createRedactor();
  const memory = new InMemorySpanExporter();
  const wrapper = new RedactingSpanExporter(memory, redactor);
  const provider = new TracerProvider({
    resource,
    spanProcessors: [new SimpleSpanProcessor({ exporter: wrapper })],
  });
  return { redactor, memory, provider, flush: () => provider.forceFlush() };
}

/** Finished spans of a pipeline without redaction, to hand to a wrapper directly. */
async function rawSpans(...names: string[]): Promise<ReadableSpan[]> {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'svc' }),
    spanProcessors: [new SimpleSpanProcessor({ exporter: memory })],
  });
  for (const name of names) provider.getTracer('t').startSpan(name).end();
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

/** Keeps what it is given and reports success at once (the SDK's in-memory one reports later). */
class ImmediateExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.spans.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

describe('RedactingSpanExporter on its own', () => {
  it('waits for async resource attributes and masks them', async () => {
    const [span] = (await rawSpans('op')) as [ReadableSpan];
    const resource = resourceFromAttributes({
      'service.name': 'svc',
      'host.note': new Promise<string>((resolve) => setTimeout(() => resolve(`n ${SECRET}`), 20)),
    });
    expect(resource.asyncAttributesPending).toBe(true);
    const pending = new Proxy(span, {
      get: (target, property) =>
        property === 'resource' ? resource : Reflect.get(target, property, target),
    });
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, redactorWithSecret());
    wrapper.export([pending], () => {});
    await wrapper.forceFlush();
    expect(inner.spans[0]?.resource.attributes).toEqual({
      'service.name': 'svc',
      'host.note': `n ${MARK}`,
      'redaction.masked.count': 1,
      'redaction.masked.rules': 'known_secret',
    });
  });

  it('masks a resource again after a secret is registered (cached per generation)', async () => {
    const resource = resourceFromAttributes({ 'service.name': 'svc', note: SECRET });
    const { redactor, memory, provider, flush } = exporterOnly(resource);
    const tracer = provider.getTracer('t');
    tracer.startSpan('one').end();
    tracer.startSpan('two').end();
    await flush();
    const [one, two] = memory.getFinishedSpans();
    expect(one?.resource.attributes.note).toBe(SECRET);
    expect(one?.resource).toBe(resource);
    expect(two?.resource).toBe(resource);
    redactor.addSecret(SECRET);
    tracer.startSpan('three').end();
    tracer.startSpan('four').end();
    await flush();
    const [, , three, four] = memory.getFinishedSpans();
    expect(three?.resource.attributes.note).toBe(MARK);
    // One stand-in per resource, so the OTLP transformer keeps them in one group.
    expect(four?.resource).toBe(three?.resource);
  });

  it('keeps a resource schema URL on the redacted copy', async () => {
    const resource = resourceFromAttributes({ note: SECRET }, { schemaUrl: 'https://schema/1' });
    const { redactor, memory, provider, flush } = exporterOnly(resource);
    redactor.addSecret(SECRET);
    provider.getTracer('t').startSpan('op').end();
    await flush();
    expect(memory.getFinishedSpans()[0]?.resource.schemaUrl).toBe('https://schema/1');
  });

  it('masks the scope name, version and schema URL, and re-masks after a new secret', async () => {
    const { redactor, memory, provider, flush } = exporterOnly();
    const tracer = provider.getTracer(`lib-${SECRET}`, `1.0-${SECRET}`, {
      schemaUrl: `https://x/${SECRET}`,
    });
    tracer.startSpan('before').end();
    await flush();
    expect(memory.getFinishedSpans()[0]?.instrumentationScope.name).toBe(`lib-${SECRET}`);
    redactor.addSecret(SECRET);
    tracer.startSpan('after').end();
    await flush();
    expect(memory.getFinishedSpans()[1]?.instrumentationScope).toEqual({
      name: `lib-${MARK}`,
      version: `1.0-${MARK}`,
      schemaUrl: `https://x/${MARK}`,
      attributes: undefined,
    });
  });

  it('hands on the very span when nothing in it needs redacting', async () => {
    const spans = await rawSpans('clean');
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, createRedactor());
    wrapper.export([...spans], () => {});
    await wrapper.forceFlush();
    expect(inner.spans[0]).toBe(spans[0]);
  });

  it('copies every field of a redacted span', async () => {
    const { redactor, memory, provider, flush } = exporterOnly();
    redactor.addSecret(SECRET);
    const span = provider.getTracer('t').startSpan(`op ${SECRET}`, { kind: 2 });
    span.end();
    await flush();
    const [copy] = memory.getFinishedSpans();
    const original = span as unknown as ReadableSpan;
    expect(copy).not.toBe(original);
    expect(copy?.name).toBe(`op ${MARK}`);
    expect(copy?.kind).toBe(2);
    expect(copy?.spanContext()).toEqual(original.spanContext());
    expect(copy?.parentSpanContext).toBeUndefined();
    expect(copy?.ended).toBe(true);
    expect(copy?.duration).toEqual(original.duration);
    expect(copy?.startTime).toEqual(original.startTime);
    expect(copy?.endTime).toEqual(original.endTime);
    expect(copy?.resource).toBe(original.resource);
    expect(copy?.instrumentationScope).toBe(original.instrumentationScope);
    expect(copy?.droppedAttributesCount).toBe(0);
    expect(copy?.droppedEventsCount).toBe(0);
    expect(copy?.droppedLinksCount).toBe(0);
    expect(copy?.attributes).toEqual({
      'redaction.masked.count': 1,
      'redaction.masked.rules': 'known_secret',
    });
  });
});

describe('in-flight exports', () => {
  it('hands a batch on later; forceFlush waits for every export handed in so far', async () => {
    const spans = await rawSpans('a', 'b');
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, createRedactor());
    const results: ExportResult[] = [];
    wrapper.export(spans.slice(0, 1), (result) => results.push(result));
    wrapper.export(spans.slice(1), (result) => results.push(result));
    expect(inner.spans).toHaveLength(0);
    await wrapper.forceFlush();
    expect(inner.spans.map((s) => s.name)).toEqual(['a', 'b']);
    expect(results).toEqual([
      { code: ExportResultCode.SUCCESS },
      { code: ExportResultCode.SUCCESS },
    ]);
    wrapper.export(spans.slice(0, 1), () => {});
    await wrapper.forceFlush();
    expect(inner.spans).toHaveLength(3);
  });

  it('survives a result callback that throws, and later exports still go through', async () => {
    const spans = await rawSpans('x');
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, createRedactor());
    const calls: string[] = [];
    wrapper.export([...spans], () => {
      calls.push('throwing callback');
      throw new Error('callback failed');
    });
    await wrapper.forceFlush();
    const results: ExportResult[] = [];
    wrapper.export([...spans], (result) => results.push(result));
    await wrapper.shutdown();
    expect(inner.spans).toHaveLength(2);
    // Called once: the throw is not mistaken for a failed export and reported again.
    expect(calls).toEqual(['throwing callback']);
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
  });

  it('drops only the record whose copy cannot be made', async () => {
    const [good] = (await rawSpans('good')) as [ReadableSpan];
    const broken = new Proxy(good, {
      get(target, property) {
        if (property === 'attributes') throw new Error('unreadable');
        return Reflect.get(target, property, target);
      },
    });
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, createRedactor());
    const results: ExportResult[] = [];
    wrapper.export([broken, good], (result) => results.push(result));
    await wrapper.forceFlush();
    expect(inner.spans.map((s) => s.name)).toEqual(['good']);
    expect(results).toEqual([{ code: ExportResultCode.SUCCESS }]);
  });

  it('exports after a resource whose async attributes failed', async () => {
    const [span] = (await rawSpans('op')) as [ReadableSpan];
    const resource = resourceFromAttributes({
      'service.name': 'svc',
      broken: Promise.reject(new Error('no attribute')),
    });
    const failing = new Proxy(span, {
      get: (target, property) =>
        property === 'resource' ? resource : Reflect.get(target, property, target),
    });
    const inner = new ImmediateExporter();
    const wrapper = new RedactingSpanExporter(inner, createRedactor());
    wrapper.export([failing], () => {});
    await wrapper.forceFlush();
    expect(inner.spans.map((s) => [s.name, s.resource.attributes])).toEqual([
      ['op', { 'service.name': 'svc' }],
    ]);
  });
});

describe('RedactingLogRecordExporter on its own', () => {
  it('masks event name and severity text in the copy, and copies the other fields', async () => {
    const redactor = redactorWithSecret();
    const memory = new InMemoryLogRecordExporter();
    const wrapper = new RedactingLogRecordExporter(memory, redactor);
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter: wrapper })],
    });
    provider.getLogger('t').emit({
      body: 'clean body',
      eventName: `e.${SECRET}`,
      severityText: `INFO ${SECRET}`,
      severityNumber: SeverityNumber.INFO,
      attributes: { a: 1 },
    });
    await wrapper.forceFlush();
    const [record] = memory.getFinishedLogRecords();
    expect(record?.eventName).toBe(`e.${MARK}`);
    expect(record?.severityText).toBe(`INFO ${MARK}`);
    expect(record?.severityNumber).toBe(SeverityNumber.INFO);
    expect(record?.body).toBe('clean body');
    expect(record?.attributes).toEqual({
      a: 1,
      'redaction.masked.count': 2,
      'redaction.masked.rules': 'known_secret',
    });
    expect(record?.hrTime).toBeDefined();
    expect(record?.droppedAttributesCount).toBe(0);
  });

  it('hands on a snapshot of an object body, never the object the app holds', async () => {
    const memory = new InMemoryLogRecordExporter();
    const wrapper = new RedactingLogRecordExporter(memory, createRedactor());
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter: wrapper })],
    });
    const body = { text: 'clean', nested: { n: 1 } };
    provider.getLogger('t').emit({ body });
    await wrapper.forceFlush();
    const exported = memory.getFinishedLogRecords()[0]?.body as typeof body;
    expect(exported).toEqual(body);
    expect(exported).not.toBe(body);
    expect(exported.nested).not.toBe(body.nested);
  });

  it('hands on the very record when nothing in it needs redacting', async () => {
    const memory = new InMemoryLogRecordExporter();
    const wrapper = new RedactingLogRecordExporter(memory, createRedactor());
    const provider = new LoggerProvider({
      processors: [new SimpleLogRecordProcessor({ exporter: wrapper })],
    });
    provider.getLogger('t').emit({ body: 'hello', severityText: 'INFO', eventName: 'e' });
    await wrapper.forceFlush();
    const [record] = memory.getFinishedLogRecords();
    expect([record?.body, record?.severityText, record?.eventName]).toEqual(['hello', 'INFO', 'e']);
  });
});
