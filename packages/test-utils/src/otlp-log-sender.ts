import { readFileSync } from 'node:fs';
import { type ChannelCredentials, credentials, Metadata } from '@grpc/grpc-js';
import {
  type Attributes,
  ROOT_CONTEXT,
  SeverityNumber,
  type SpanContext,
  trace,
} from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';

/**
 * Sends log records straight to an OTLP gRPC endpoint with the real exporter over TLS — no
 * redaction, no SDK wrapper: what a misconfigured or foreign client would send.
 */
export interface SenderCredentials {
  /** CA that signed the server certificate. */
  ca: string;
  /** Client certificate and key (PEM paths); omit for a client without a certificate. */
  cert?: string;
  key?: string;
  /** Full value of the authorization header, e.g. `Bearer abc`; omit for none. */
  authorization?: string;
}

export interface PlainLogRecord {
  body: string;
  attributes?: Attributes;
  eventName?: string;
  /** Correlate the record with this span, as records emitted inside an update span are. */
  spanContext?: SpanContext;
}

/** gRPC channel credentials and call metadata for an OTLP exporter (any signal). */
export function senderChannel(creds: SenderCredentials): {
  credentials: ChannelCredentials;
  metadata: Metadata;
} {
  const metadata = new Metadata();
  if (creds.authorization !== undefined) metadata.set('authorization', creds.authorization);
  const channel =
    creds.cert && creds.key
      ? credentials.createSsl(
          readFileSync(creds.ca),
          readFileSync(creds.key),
          readFileSync(creds.cert),
        )
      : credentials.createSsl(readFileSync(creds.ca));
  return { credentials: channel, metadata };
}

export function createLogSender(url: string, creds: SenderCredentials): OTLPLogExporter {
  return new OTLPLogExporter({ url, ...senderChannel(creds), timeoutMillis: 5_000 });
}

/** Real SDK log records with the given resource, built without exporting anything. */
export async function buildLogRecords(
  resource: Record<string, string>,
  logs: PlainLogRecord[],
): Promise<ReadableLogRecord[]> {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resource),
    processors: [new SimpleLogRecordProcessor({ exporter: memory })],
  });
  const logger = provider.getLogger('telegraf-otel-e2e');
  for (const log of logs) {
    logger.emit({
      body: log.body,
      attributes: log.attributes,
      eventName: log.eventName,
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      context: log.spanContext ? trace.setSpanContext(ROOT_CONTEXT, log.spanContext) : undefined,
    });
  }
  await provider.forceFlush();
  const records = memory.getFinishedLogRecords();
  await provider.shutdown();
  return records;
}

export function exportLogs(
  exporter: OTLPLogExporter,
  records: ReadableLogRecord[],
): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(records, resolve));
}

/** Exports and throws with the exporter's error unless the export succeeded. */
export async function exportLogsOrThrow(
  exporter: OTLPLogExporter,
  records: ReadableLogRecord[],
): Promise<void> {
  const result = await exportLogs(exporter, records);
  if (result.code !== ExportResultCode.SUCCESS) throw result.error ?? new Error('export failed');
}
