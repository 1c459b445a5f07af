import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { SecureFileWriter } from './secure-file-writer.js';

function write(
  writer: SecureFileWriter,
  data: Uint8Array | undefined,
  done: (r: ExportResult) => void,
): void {
  try {
    if (data) writer.writeLine(data);
    done({ code: ExportResultCode.SUCCESS });
  } catch (error) {
    done({ code: ExportResultCode.FAILED, error: error as Error });
  }
}

/**
 * Span and log exporters writing one OTLP/JSON export request per line (the JSON Lines layout of
 * the collector's file exporter and `otlpjsonfile` receiver) to a shared {@link SecureFileWriter}.
 */
export function createFileExporters(writer: SecureFileWriter): {
  spans: SpanExporter;
  logs: LogRecordExporter;
} {
  let open = 2;
  const shutdown = async (): Promise<void> => {
    // Both exporters share the file: close it when the second one shuts down.
    if (--open === 0) writer.close();
  };
  return {
    spans: {
      export: (spans: ReadableSpan[], done) =>
        write(writer, JsonTraceSerializer.serializeRequest(spans), done),
      shutdown,
      forceFlush: async () => {},
    },
    logs: {
      export: (records: ReadableLogRecord[], done) =>
        write(writer, JsonLogsSerializer.serializeRequest(records), done),
      shutdown,
      forceFlush: async () => {},
    },
  };
}
