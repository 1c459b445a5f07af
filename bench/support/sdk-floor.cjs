// The floor under any Telegraf instrumentation built on the OpenTelemetry SDK: the same records
// telegraf-otel exports per update (an update span with its attributes, a child span per Bot API
// call, one log record) made by the upstream SDK, batch processors and OTLP gRPC exporters, with
// nothing else: no redaction, no pseudonyms, no content registry, no error scrubbing. What
// telegraf-otel costs above this row is its own work; this row is what the SDK costs.
const { context, logs, SpanKind, trace } = require('@opentelemetry/api');
const { AsyncLocalStorageContextManager } = require('@opentelemetry/context-async-hooks');
const { OTLPLogExporter } = require('@opentelemetry/exporter-logs-otlp-grpc');
const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-grpc');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { BatchLogRecordProcessor, LoggerProvider } = require('@opentelemetry/sdk-logs');
const { BatchSpanProcessor, TracerProvider } = require('@opentelemetry/sdk-trace');
const { Telegraf, Telegram } = require('telegraf');

const resource = resourceFromAttributes({ 'service.name': process.env.OTEL_SERVICE_NAME });
const tracerProvider = new TracerProvider({
  resource,
  spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
});
const loggerProvider = new LoggerProvider({
  resource,
  processors: [new BatchLogRecordProcessor({ exporter: new OTLPLogExporter() })],
});
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
trace.setGlobalTracerProvider(tracerProvider);
logs.setGlobalLoggerProvider(loggerProvider);
const tracer = tracerProvider.getTracer('bench-sdk-floor');
const logger = loggerProvider.getLogger('bench-sdk-floor');

const handleUpdate = Telegraf.prototype.handleUpdate;
Telegraf.prototype.handleUpdate = function (update, webhookResponse) {
  const { chat, from } = update.message;
  const record = {
    'telegram.update.type': 'message',
    'telegram.update.id': update.update_id,
    'telegram.message.type': 'text',
    'telegram.chat.type': chat.type,
    'telegram.command': '/note',
    'telegram.user.hash': `u${from.id}`,
    'telegram.chat.hash': `c${chat.id}`,
  };
  const attributes = {
    'messaging.system': 'telegram',
    'messaging.operation.type': 'process',
    'messaging.destination.name': 'message',
    ...record,
  };
  const startedAt = performance.now();
  return tracer.startActiveSpan(
    'telegram.update message',
    { kind: SpanKind.CONSUMER, attributes },
    async (span) => {
      try {
        return await handleUpdate.call(this, update, webhookResponse);
      } finally {
        const duration = performance.now() - startedAt;
        span.setAttribute('telegram.update.outcome', 'handled');
        span.setAttribute('telegram.update.duration_ms', duration);
        span.end();
        record['telegram.update.outcome'] = 'handled';
        record['telegram.update.duration_ms'] = duration;
        logger.emit({
          eventName: 'telegram.update.handled',
          severityNumber: 9,
          severityText: 'INFO',
          body: 'update handled',
          attributes: record,
        });
      }
    },
  );
};

const callApi = Telegram.prototype.callApi;
Telegram.prototype.callApi = function (method, payload, options) {
  return tracer.startActiveSpan(
    `telegram ${method}`,
    { kind: SpanKind.CLIENT, attributes: { 'telegram.api.method': method } },
    async (span) => {
      try {
        return await callApi.call(this, method, payload, options);
      } finally {
        span.end();
      }
    },
  );
};

module.exports = {
  shutdown: () => Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]),
  dropped: () => undefined,
};
