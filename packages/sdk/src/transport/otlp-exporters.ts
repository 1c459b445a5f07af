import { Metadata } from '@grpc/grpc-js';
import {
  createOtlpNetworkExportDelegate,
  ExporterMetrics,
  getSharedConfigurationDefaults,
  OTLPExporterBase,
} from '@opentelemetry/otlp-exporter-base';
import {
  type IExporterMetricsHelper,
  type ISerializer,
  LogsExporterMetricsHelper,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
  TraceExporterMetricsHelper,
} from '@opentelemetry/otlp-transformer';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { OtlpDestination } from '../config/resolve-config.js';
import { createChannelCredentials } from './grpc-credentials.js';
import { GrpcExportTransport } from './grpc-export-transport.js';

interface Signal<Internal> {
  method: string;
  serializer: ISerializer<Internal, unknown>;
  metricsHelper: IExporterMetricsHelper<Internal>;
  componentType: string;
}

const TRACES: Signal<ReadableSpan[]> = {
  method: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  serializer: ProtobufTraceSerializer,
  metricsHelper: TraceExporterMetricsHelper,
  componentType: 'otlp_grpc_span_exporter',
};
const LOGS: Signal<ReadableLogRecord[]> = {
  method: '/opentelemetry.proto.collector.logs.v1.LogsService/Export',
  serializer: ProtobufLogsSerializer,
  metricsHelper: LogsExporterMetricsHelper,
  componentType: 'otlp_grpc_log_exporter',
};

/**
 * The upstream OTLP/gRPC exporter assembled from its public parts (serializer, export delegate,
 * exporter base) around {@link GrpcExportTransport}, which adds retries and fast reconnects.
 */
function createExporter<Internal>(
  signal: Signal<Internal>,
  destination: OtlpDestination,
  shared: { credentials: ReturnType<typeof createChannelCredentials>; metadata: Metadata },
): OTLPExporterBase<Internal> {
  const address = destination.url.host;
  const transport = new GrpcExportTransport({
    address,
    method: signal.method,
    credentials: shared.credentials,
    metadata: shared.metadata,
    gzip: destination.compression === 'gzip',
  });
  const metrics = new ExporterMetrics({
    componentType: signal.componentType,
    metricsHelper: signal.metricsHelper,
    url: address,
    meterProvider: undefined,
    responseAttributesFromError: () => ({}),
  });
  return new OTLPExporterBase(
    createOtlpNetworkExportDelegate(
      {
        ...getSharedConfigurationDefaults(),
        compression: destination.compression,
        timeoutMillis: destination.timeoutMillis,
      },
      signal.serializer,
      metrics,
      transport,
    ),
  );
}

/** OTLP/gRPC span and log exporters sharing one credentials object and metadata. */
export function createOtlpExporters(destination: OtlpDestination): {
  spans: SpanExporter;
  logs: LogRecordExporter;
} {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(destination.headers))
    metadata.set(key.toLowerCase(), value);
  const shared = { credentials: createChannelCredentials(destination), metadata };
  return {
    spans: createExporter(TRACES, destination, shared),
    logs: createExporter(LOGS, destination, shared),
  };
}
