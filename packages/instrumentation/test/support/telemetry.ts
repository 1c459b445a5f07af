import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
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
import { TelegrafInstrumentation, type TelegrafInstrumentationConfig } from '../../src/index.js';

/** The real SDK with in-memory exporters, and a context manager for async context. */
export function createTestTelemetry() {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  });
  const logExporter = new InMemoryLogRecordExporter();
  const loggerProvider = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
  });
  return {
    tracerProvider,
    loggerProvider,
    spans: (): ReadableSpan[] => spanExporter.getFinishedSpans(),
    logs: (): ReadableLogRecord[] => logExporter.getFinishedLogRecords(),
    reset() {
      spanExporter.reset();
      logExporter.reset();
    },
  };
}

export type TestTelemetry = ReturnType<typeof createTestTelemetry>;

/** Creates and enables the instrumentation; call it BEFORE `await import('telegraf')`. */
export function instrument(telemetry: TestTelemetry, config: TelegrafInstrumentationConfig = {}) {
  const instrumentation = new TelegrafInstrumentation(config);
  instrumentation.setTracerProvider(telemetry.tracerProvider);
  instrumentation.setLoggerProvider(telemetry.loggerProvider);
  return instrumentation;
}

export const spanNamed = (spans: ReadableSpan[], name: string) =>
  spans.filter((s) => s.name === name);

export const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

export const logsNamed = (logs: ReadableLogRecord[], eventName: string) =>
  logs.filter((l) => l.eventName === eventName);
