import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { context, logs, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  logFor,
  resolveConfig,
  type StartTelemetryOptions,
  type TelemetryHandle,
} from '@telegraf-otel/sdk';
import { Context } from 'telegraf';

interface Serializer<T> {
  serializeRequest(records: T[]): Uint8Array | undefined;
}

/** Appends one OTLP/JSON export request per line, the file destination's format. */
function lineExporter<T>(file: string, serializer: Serializer<T>) {
  return {
    export(records: T[], done: (result: { code: ExportResultCode }) => void) {
      const line = serializer.serializeRequest(records);
      if (line) appendFileSync(file, `${Buffer.from(line).toString('utf8')}\n`);
      done({ code: ExportResultCode.SUCCESS });
    },
    shutdown: async () => {},
    forceFlush: async () => {},
  };
}

/**
 * The demo's leak-test control, in place of startTelemetry(options): the app's records (`ctx.log`,
 * `audit()`) through the real OpenTelemetry SDK to the same file, never redacted — the SDK has no
 * way to turn its redaction off. `ctx.log` is the SDK's public `logFor(ctx)`, as the SDK installs it.
 */
export function startUnredactedTelemetry(options: StartTelemetryOptions): TelemetryHandle {
  const { destination } = resolveConfig(options);
  if (destination.kind !== 'file') throw new Error('the unredacted control writes files only');
  mkdirSync(dirname(destination.path), { recursive: true });
  const tracerProvider = new TracerProvider({
    spanProcessors: [
      new SimpleSpanProcessor({ exporter: lineExporter(destination.path, JsonTraceSerializer) }),
    ],
  });
  const loggerProvider = new LoggerProvider({
    processors: [
      new SimpleLogRecordProcessor({
        exporter: lineExporter(destination.path, JsonLogsSerializer),
      }),
    ],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  Object.defineProperty(Context.prototype, 'log', {
    configurable: true,
    get(this: Context) {
      return logFor(this);
    },
  });
  return {
    enabled: true,
    dropped: () => ({ spans: 0, logRecords: 0, flushTimedOut: false }),
    async shutdown() {
      await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
      Reflect.deleteProperty(Context.prototype, 'log');
      trace.disable();
      logs.disable();
      context.disable();
    },
  };
}
