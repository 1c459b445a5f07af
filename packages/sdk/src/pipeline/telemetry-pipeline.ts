import type { Resource } from '@opentelemetry/resources';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  RedactingLogRecordExporter,
  RedactingSpanExporter,
  type Redactor,
} from '@telegraf-otel/redaction';
import type { ResolvedConfig } from '../config/resolve-config.js';
import { dropCountingMeterProvider } from './drop-counting-meter-provider.js';
import type { DropReporter } from './drop-reporter.js';

export interface TelemetryPipeline {
  tracerProvider: TracerProvider;
  loggerProvider: LoggerProvider;
}

/**
 * Providers whose only way out is a bounded batch processor feeding a redacting exporter
 * wrapper: every span and log record (from any instrumentation in the process) and the resource
 * are redacted on the export path, off the bot's request path, before the real exporter sees them.
 */
export function createTelemetryPipeline(
  config: ResolvedConfig,
  resource: Resource,
  exporters: { spans: SpanExporter; logs: LogRecordExporter },
  redactor: Redactor,
  reporter: DropReporter,
): TelemetryPipeline {
  const batch = {
    maxQueueSize: config.maxQueueSize,
    maxExportBatchSize: Math.min(512, config.maxQueueSize),
    scheduledDelayMillis: config.scheduledDelayMillis,
    exportTimeoutMillis: config.exportTimeoutMillis,
  };
  return {
    tracerProvider: new TracerProvider({
      resource,
      spanProcessors: [
        new BatchSpanProcessor({
          ...batch,
          exporter: new RedactingSpanExporter(exporters.spans, redactor),
          selfObsMeterProvider: dropCountingMeterProvider(reporter, 'spans'),
        }),
      ],
    }),
    loggerProvider: new LoggerProvider({
      resource,
      processors: [
        new BatchLogRecordProcessor({
          ...batch,
          exporter: new RedactingLogRecordExporter(exporters.logs, redactor),
          selfObsMeterProvider: dropCountingMeterProvider(reporter, 'log records'),
        }),
      ],
    }),
  };
}
