// The generic set-up a bot developer would pick instead of telegraf-otel: the OpenTelemetry Node
// SDK with every default auto-instrumentation (http/undici client spans, no Telegraf spans, no
// redaction) and the OTLP gRPC exporters. Endpoint, TLS files, headers and compression come from
// the standard OTEL_EXPORTER_OTLP_* variables, as in the upstream getting-started guide.
const { NodeSDK } = require('@opentelemetry/sdk-node');
const { getNodeAutoInstrumentations } = require('@opentelemetry/auto-instrumentations-node');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-grpc');
const { BatchLogRecordProcessor } = require('@opentelemetry/sdk-logs');

const sdk = new NodeSDK({
  traceExporter: new OTLPTraceExporter(),
  logRecordProcessors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })],
  instrumentations: [getNodeAutoInstrumentations()],
});
sdk.start();

module.exports = { shutdown: () => sdk.shutdown(), dropped: () => undefined };
