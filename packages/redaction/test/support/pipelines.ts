import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Resource } from '@opentelemetry/resources';
import {
  BatchLogRecordProcessor,
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordExporter,
  type LogRecordLimits,
  type LogRecordProcessor,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  BatchSpanProcessor,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanLimits,
  type SpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  createRedactor,
  RedactingLogRecordExporter,
  RedactingLogRecordProcessor,
  RedactingSpanExporter,
  RedactingSpanProcessor,
  type Redactor,
} from '@telegraf-otel/redaction';

/** A default redactor with `secrets` registered. */
export function newRedactor(...secrets: string[]): Redactor {
  const redactor = createRedactor();
  for (const secret of secrets) redactor.addSecret(secret);
  return redactor;
}

/**
 * The recommended wiring (processor first, exporter wrapped) around an in-memory exporter, or the
 * bare exporter when `redactor` is undefined: the control run of every leak test.
 */
export function spanProcessors(
  memory: InMemorySpanExporter,
  redactor: Redactor | undefined,
  batch = false,
): SpanProcessor[] {
  const exporter = redactor ? new RedactingSpanExporter(memory, redactor) : memory;
  // A long delay: the batch is exported by forceFlush only, so a test decides when.
  const exporting = batch
    ? new BatchSpanProcessor({ exporter, scheduledDelayMillis: 60_000 })
    : new SimpleSpanProcessor({ exporter });
  return redactor ? [new RedactingSpanProcessor(redactor), exporting] : [exporting];
}

/**
 * The SDK's simple log processor does not flush its exporter on forceFlush(): this one does, so
 * that a flushed provider has handed on what the redacting exporter deferred.
 */
export class FlushingSimpleLogRecordProcessor extends SimpleLogRecordProcessor {
  constructor(private readonly exporter: LogRecordExporter) {
    super({ exporter });
  }

  override async forceFlush(): Promise<void> {
    await super.forceFlush();
    await this.exporter.forceFlush();
  }
}

export function logProcessors(
  memory: InMemoryLogRecordExporter,
  redactor: Redactor | undefined,
  batch = false,
): LogRecordProcessor[] {
  const exporter = redactor ? new RedactingLogRecordExporter(memory, redactor) : memory;
  const exporting = batch
    ? new BatchLogRecordProcessor({ exporter, scheduledDelayMillis: 60_000 })
    : new FlushingSimpleLogRecordProcessor(exporter);
  return redactor ? [new RedactingLogRecordProcessor(redactor), exporting] : [exporting];
}

export interface PipelineOptions {
  readonly resource?: Resource;
  readonly batch?: boolean;
  readonly spanLimits?: SpanLimits;
  readonly logRecordLimits?: LogRecordLimits;
}

/** A tracer provider exporting to memory; `otlp()` flushes and returns the OTLP protobuf bytes. */
export function tracePipeline(redactor: Redactor | undefined, options: PipelineOptions = {}) {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: options.resource,
    spanLimits: options.spanLimits,
    spanProcessors: spanProcessors(memory, redactor, options.batch),
  });
  return {
    provider,
    tracer: provider.getTracer('leak-test'),
    memory,
    async otlp(): Promise<Uint8Array> {
      await provider.forceFlush();
      return ProtobufTraceSerializer.serializeRequest(memory.getFinishedSpans()) as Uint8Array;
    },
  };
}

/** A logger provider exporting to memory; `otlp()` flushes and returns the OTLP protobuf bytes. */
export function logPipeline(redactor: Redactor | undefined, options: PipelineOptions = {}) {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: options.resource,
    logRecordLimits: options.logRecordLimits,
    processors: logProcessors(memory, redactor, options.batch),
  });
  return {
    provider,
    logger: provider.getLogger('leak-test'),
    memory,
    async otlp(): Promise<Uint8Array> {
      await provider.forceFlush();
      return ProtobufLogsSerializer.serializeRequest(memory.getFinishedLogRecords()) as Uint8Array;
    },
  };
}
