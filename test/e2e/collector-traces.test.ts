import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { CANARIES, findCanaries } from '@telegraf-otel/test-utils/e2e-canaries';
import type { OtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { senderChannel } from '@telegraf-otel/test-utils/otlp-log-sender';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';
import { startTempoStandIn, type TempoStandIn } from '../support/tempo-stand-in.js';

const resource = { 'service.name': 'trace-test-bot', 'deployment.environment.name': 'test' };

describeWithCollector('collector traces pipeline: bot → collector → Tempo', () => {
  let tempoStandIn: TempoStandIn;
  let tempo: OtlpGrpcReceiver;
  let stack: CollectorStack;

  beforeAll(async () => {
    // Tempo has its own TLS identity, from a separate development PKI.
    tempoStandIn = await startTempoStandIn();
    tempo = tempoStandIn.receiver;
    stack = await startCollectorStack({ tempo: tempoStandIn.collectorOptions });

    const exporter = new OTLPTraceExporter({
      url: stack.setup.otlpUrl,
      ...senderChannel(stack.botCredentials),
    });
    const provider = new TracerProvider({
      resource: resourceFromAttributes(resource),
      spanProcessors: [new SimpleSpanProcessor({ exporter })],
    });
    const tracer = provider.getTracer('telegraf-otel-e2e');
    const update = tracer.startSpan('telegram.update message', { kind: SpanKind.CONSUMER });
    update.setAttribute('telegram.update.type', 'message');
    const parent = trace.setSpan(ROOT_CONTEXT, update);
    const api = tracer.startSpan('telegram.api sendMessage', { kind: SpanKind.CLIENT }, parent);
    // Planted without SDK-side redaction: the collector must still mask it.
    api.setAttribute('url.full', `https://api.telegram.org/bot${CANARIES.botToken}/sendMessage`);
    api.recordException(new Error(`could not reach ${CANARIES.email}`));
    api.setStatus({ code: SpanStatusCode.ERROR });
    api.end();
    update.end();
    await provider.forceFlush();
    await provider.shutdown();
    await tempo.waitFor(({ spans }) => spans.length >= 2);
  });
  afterAll(async () => {
    await stack?.close();
    await tempoStandIn?.close();
  });

  it('delivers the spans over TLS with their parentage, kinds and resource', () => {
    const spans = tempo.spans();
    const update = spans.find((span) => span.name === 'telegram.update message');
    const api = spans.find((span) => span.name === 'telegram.api sendMessage');
    expect(update).toMatchObject({
      kind: 5,
      attributes: { 'telegram.update.type': 'message' },
      resource,
    });
    expect(api).toMatchObject({ kind: 3, parentSpanId: update?.spanId, traceId: update?.traceId });
    expect(api?.status.code).toBe(2);
  });

  it('masks secrets in span and event attributes (defence in depth) and counts them', () => {
    expect(findCanaries(tempo.rawBytes())).toEqual([]);
    const api = tempo.spans().find((span) => span.name === 'telegram.api sendMessage');
    expect(api?.attributes['url.full']).toBe('https://api.telegram.org/bot****/sendMessage');
    expect(api?.attributes['redaction.masked.count']).toBe(1);
    expect(api?.events[0]?.attributes['exception.message']).toBe('could not reach ****');
  });
});
