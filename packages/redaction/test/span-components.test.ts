import { type Link, SpanStatusCode } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { RedactingSpanExporter, RedactingSpanProcessor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { countersFor } from './support/expected-counters.js';
import { newRedactor } from './support/pipelines.js';

const resource = resourceFromAttributes({
  'service.name': 'canary-bot',
  'process.command_args': ['node', 'bot.js', `--token=${CANARY.botToken}`],
});

/** One span touching every place a secret can hide; resolves once the processors flushed. */
async function recordSpan(processors: SpanProcessor[]): Promise<void> {
  const provider = new TracerProvider({ resource, spanProcessors: processors });
  const tracer = provider.getTracer('test');
  const linked = tracer.startSpan('linked');
  linked.end();
  const link: Link = { context: linked.spanContext(), attributes: { 'peer.email': CANARY.email } };
  const span = tracer.startSpan(`GET ${CANARY.email}`, {
    links: [link],
    attributes: {
      'url.full': `http://127.0.0.1:1/bot${CANARY.botToken}/sendMessage`,
      'http.request.header.authorization': ['Bearer abc'],
      'telegram.user.hash': 'v1:0123456789abcdef',
      'app.note': `card ${CANARY.card}`,
    },
  });
  span.addEvent('note', { detail: `secret ${CANARY.webhookSecret}` });
  span.recordException(new Error(`boom ${CANARY.botToken}`));
  span.setStatus({ code: SpanStatusCode.ERROR, message: `failed for ${CANARY.phone}` });
  span.end();
  await provider.forceFlush();
}

function exported(exporter: InMemorySpanExporter): ReadableSpan {
  const span = exporter.getFinishedSpans().find((s) => s.name !== 'linked');
  if (!span) throw new Error('span not exported');
  return span;
}

/** Every kind of secret recordSpan() plants, by the rule that masks it. */
const PLANTED_RULES = 'email,known_secret,payment_card,phone_number,sensitive_key,telegram_token';

/** The span's counters describe the masks it shows (one per masked value) and every planted kind. */
function expectCountersOfMasks(span: ReadableSpan): void {
  const counters = countersFor(
    span.name,
    span.attributes,
    span.status.message,
    span.events.map((event) => event.attributes),
    span.links.map((link) => link.attributes),
  );
  expect(counters['redaction.masked.rules']).toBe(PLANTED_RULES);
  expect(span.attributes).toMatchObject(counters);
}

describe('RedactingSpanProcessor (onEnding, in place)', () => {
  it('redacts name, attributes, status, events and links, and records the counters', async () => {
    const memory = new InMemorySpanExporter();
    await recordSpan([
      new RedactingSpanProcessor(newRedactor(CANARY.webhookSecret)),
      new SimpleSpanProcessor({ exporter: memory }),
    ]);
    const span = exported(memory);
    expect(span.name).toBe('GET [REDACTED:email]');
    expect(span.attributes).toMatchObject({
      'url.full': 'http://127.0.0.1:1/bot[REDACTED:telegram_token]/sendMessage',
      'http.request.header.authorization': '[REDACTED:sensitive_key]',
      'telegram.user.hash': 'v1:0123456789abcdef',
      'app.note': 'card [REDACTED:payment_card]',
    });
    expectCountersOfMasks(span);
    expect(span.status).toEqual({
      code: SpanStatusCode.ERROR,
      message: 'failed for [REDACTED:phone_number]',
    });
    expect(span.events[0]?.attributes).toEqual({ detail: 'secret [REDACTED:known_secret]' });
    expect(span.events[1]?.attributes?.['exception.message']).toBe(
      'boom [REDACTED:telegram_token]',
    );
    expect(span.events[1]?.attributes?.['exception.stacktrace']).toMatch(
      /^Error: boom \[REDACTED:telegram_token\]\n/,
    );
    expect(span.links[0]?.attributes).toEqual({ 'peer.email': '[REDACTED:sensitive_key]' });
    // A processor cannot reach the shared resource: that is the exporter wrapper's job.
    expect(leakedCanaries(JSON.stringify(span.resource.attributes))).toEqual(['botToken']);
  });
});

describe('RedactingSpanExporter (redacted copies)', () => {
  it('covers everything including the resource, and the OTLP bytes hold no canary', async () => {
    const memory = new InMemorySpanExporter();
    await recordSpan([
      new SimpleSpanProcessor({
        exporter: new RedactingSpanExporter(memory, newRedactor(CANARY.webhookSecret)),
      }),
    ]);
    const span = exported(memory);
    expect(span.name).toBe('GET [REDACTED:email]');
    expectCountersOfMasks(span);
    expect(span.resource.attributes['process.command_args']).toEqual([
      'node',
      'bot.js',
      '--token=[REDACTED:telegram_token]',
    ]);
    expect(span.resource.attributes['redaction.masked.count']).toBe(1);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    const spans = memory.getFinishedSpans();
    expect(leakedCanaries(ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array)).toEqual(
      [],
    );
    expect(leakedCanaries(JsonTraceSerializer.serializeRequest(spans) as Uint8Array)).toEqual([]);
  });

  it('keeps one redacted resource per original, so batches are not split per span', async () => {
    const memory = new InMemorySpanExporter();
    await recordSpan([
      new SimpleSpanProcessor({
        exporter: new RedactingSpanExporter(memory, newRedactor(CANARY.webhookSecret)),
      }),
    ]);
    const [first, second] = memory.getFinishedSpans();
    expect(memory.getFinishedSpans()).toHaveLength(2);
    expect(first?.resource).toBe(second?.resource);
  });

  it('does not count twice when the processor already redacted the span', async () => {
    const memory = new InMemorySpanExporter();
    const redactor = newRedactor(CANARY.webhookSecret);
    await recordSpan([
      new RedactingSpanProcessor(redactor),
      new SimpleSpanProcessor({ exporter: new RedactingSpanExporter(memory, redactor) }),
    ]);
    expectCountersOfMasks(exported(memory));
  });

  it('is shown to matter: without redaction the same bytes hold every canary', async () => {
    const memory = new InMemorySpanExporter();
    await recordSpan([new SimpleSpanProcessor({ exporter: memory })]);
    const bytes = ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans()) as Uint8Array;
    expect(leakedCanaries(bytes).sort()).toEqual([
      'botToken',
      'card',
      'email',
      'phone',
      'webhookSecret',
    ]);
  });

  it('never forwards the raw span when a copy cannot be made', async () => {
    const memory = new InMemorySpanExporter();
    const exporter = new RedactingSpanExporter(memory, newRedactor(CANARY.webhookSecret));
    const hostile = {
      get name(): string {
        throw new Error(CANARY.botToken);
      },
    } as unknown as ReadableSpan;
    const result = await new Promise((resolve) => exporter.export([hostile], resolve));
    expect(result).toEqual({ code: 0 });
    expect(memory.getFinishedSpans()).toEqual([]);
  });
});
