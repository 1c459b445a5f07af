import { Metadata } from '@grpc/grpc-js';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import type { OtlpDestination } from '../config/resolve-config.js';
import { createChannelCredentials } from './grpc-credentials.js';

/** OTLP/gRPC span and log exporters sharing one credentials object and metadata. */
export function createOtlpExporters(destination: OtlpDestination): {
  spans: OTLPTraceExporter;
  logs: OTLPLogExporter;
} {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(destination.headers))
    metadata.set(key.toLowerCase(), value);
  const config = {
    url: destination.url.origin,
    credentials: createChannelCredentials(destination),
    metadata,
    compression:
      destination.compression === 'gzip' ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE,
    timeoutMillis: destination.timeoutMillis,
  };
  return { spans: new OTLPTraceExporter(config), logs: new OTLPLogExporter(config) };
}
