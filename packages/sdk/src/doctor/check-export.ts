import { SeverityNumber } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
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
import type { OtlpDestination, ResolvedConfig } from '../config/resolve-config.js';
import { buildResource } from '../resource.js';
import { createOtlpExporters } from '../transport/otlp-exporters.js';
import { error, type Finding, ok } from './finding.js';

/** One doctor span and one log record, made by the real SDK. */
function sample(config: ResolvedConfig) {
  const resource = buildResource(config);
  const spans = new InMemorySpanExporter();
  new TracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] })
    .getTracer('telegraf-otel-doctor')
    .startSpan('telegraf-otel.doctor')
    .end();
  const logs = new InMemoryLogRecordExporter();
  new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logs })] })
    .getLogger('telegraf-otel-doctor')
    .emit({
      eventName: 'telegraf-otel.doctor',
      severityNumber: SeverityNumber.INFO,
      body: 'connectivity check',
    });
  return { spans: spans.getFinishedSpans(), logs: logs.getFinishedLogRecords() };
}

function explain(signal: string, result: ExportResult): Finding {
  const message = result.error?.message ?? 'unknown error';
  if (/UNAUTHENTICATED|PERMISSION_DENIED/.test(message)) {
    return error(
      `test export of ${signal} refused: ${message}`,
      'Set the bearer token the collector expects: TELEGRAF_OTEL_BEARER_TOKEN (or an authorization header in OTEL_EXPORTER_OTLP_HEADERS).',
    );
  }
  if (/UNIMPLEMENTED/.test(message)) {
    return error(
      `test export of ${signal} failed: ${message}`,
      `Enable a ${signal} pipeline with the otlp receiver in the collector.`,
    );
  }
  return error(
    `test export of ${signal} failed: ${message}`,
    'See the TLS findings above; check the collector logs for the reason it refused the call.',
  );
}

/** Sends one span and one log record through the same exporters startTelemetry() would use. */
export async function checkExport(
  config: ResolvedConfig,
  destination: OtlpDestination,
): Promise<Finding[]> {
  const exporters = createOtlpExporters(destination);
  const { spans, logs } = sample(config);
  try {
    const [traceResult, logResult] = await Promise.all([
      new Promise<ExportResult>((done) => exporters.spans.export(spans, done)),
      new Promise<ExportResult>((done) => exporters.logs.export(logs, done)),
    ]);
    return [
      traceResult.code === ExportResultCode.SUCCESS
        ? ok('test export of traces accepted')
        : explain('traces', traceResult),
      logResult.code === ExportResultCode.SUCCESS
        ? ok('test export of logs accepted')
        : explain('logs', logResult),
    ];
  } finally {
    await Promise.allSettled([exporters.spans.shutdown(), exporters.logs.shutdown()]);
  }
}
