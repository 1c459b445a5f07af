import { context, logs, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { TelegrafInstrumentation } from '@telegraf-otel/instrumentation';
import { createPseudonymiser, createRedactor } from '@telegraf-otel/redaction';
import type { StartTelemetryOptions, TelemetryHandle } from '@telegraf-otel/sdk';
import { resolveConfig } from '../../src/config/resolve-config.js';
import { createExporters } from '../../src/destination-exporters.js';
import { createHttpInstrumentations } from '../../src/http-instrumentations.js';
import { startLogging } from '../../src/logging/start-logging.js';
import { patchLoadedTelegraf } from '../../src/patch-loaded-telegraf.js';
import { pseudonymKey } from '../../src/pseudonym-key.js';
import { buildResource } from '../../src/resource.js';

/**
 * The control run of a leak test, in place of startTelemetry(options): the same instrumentations,
 * app loggers and audit trail, the real OpenTelemetry SDK providers and the same destination —
 * without the redaction on the export path, which the SDK itself offers no way to turn off. A
 * canary the leak test's scan finds here is what the redacted run has to keep out.
 */
export function startUnredactedTelemetry(options: StartTelemetryOptions): TelemetryHandle {
  const config = resolveConfig(options);
  const exporters = createExporters(config, options.exporters);
  const pseudonymiser = createPseudonymiser({
    key: pseudonymKey(config.pseudonymKey),
    keyVersion: config.pseudonymKeyVersion,
  });
  // The audit trail redacts its details before chaining them, as it does under the SDK.
  const logging = startLogging(config, pseudonymiser, createRedactor());
  const resource = buildResource(config);
  const batch = { scheduledDelayMillis: config.scheduledDelayMillis };
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor({ ...batch, exporter: exporters.spans })],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ ...batch, exporter: exporters.logs })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  logging.useLoggerProvider(loggerProvider);
  const telegraf = new TelegrafInstrumentation({
    ...options.telegraf,
    pseudonymise: (kind, id) => pseudonymiser.pseudonymise(kind, id),
  });
  const disableInstrumentations = registerInstrumentations({
    instrumentations: [
      telegraf,
      ...logging.instrumentations,
      ...createHttpInstrumentations((text) => text, {
        http: config.instrumentHttp,
        undici: config.instrumentUndici,
      }),
    ],
    tracerProvider,
    loggerProvider,
  });
  patchLoadedTelegraf(telegraf);
  logging.patchLoadedModules();

  let stopping: Promise<void> | undefined;
  return {
    enabled: true,
    dropped: () => ({ spans: 0, logRecords: 0, flushTimedOut: false }),
    shutdown() {
      stopping ??= (async () => {
        await Promise.all([tracerProvider.shutdown(), loggerProvider.shutdown()]);
        disableInstrumentations();
        logging.stop();
        trace.disable();
        logs.disable();
        context.disable();
      })();
      return stopping;
    },
  };
}
