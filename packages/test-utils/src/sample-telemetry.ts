import { SpanKind } from '@opentelemetry/api';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';

/** Produces one real span and one real log record through the SDK, captured in memory. */
export function sampleTelemetry() {
  const spanExporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  }).getTracer('t');
  const span = tracer.startSpan('telegram.update message', {
    kind: SpanKind.CONSUMER,
    attributes: { a: 'x' },
  });
  span.addEvent('ev', { k: 7 });
  span.end();
  const logExporter = new InMemoryLogRecordExporter();
  const logger = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
  }).getLogger('l');
  logger.emit({
    eventName: 'telegram.update.handled',
    body: { nested: ['v', 1] },
    attributes: { b: true },
  });
  return { spans: spanExporter.getFinishedSpans(), logs: logExporter.getFinishedLogRecords() };
}
