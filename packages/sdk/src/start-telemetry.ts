import { context, diag, logs, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { setGlobalErrorHandler, W3CTraceContextPropagator } from '@opentelemetry/core';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { setGlobalRedactionHooks, TelegrafInstrumentation } from '@telegraf-otel/instrumentation';
import { createPseudonymiser, createRedactor } from '@telegraf-otel/redaction';
import { withAuditAllowances } from './audit/audit-policy.js';
import { TelemetryConfigurationError } from './config/configuration-error.js';
import type { StartTelemetryOptions } from './config/options.js';
import { type ResolvedConfig, resolveConfig } from './config/resolve-config.js';
import { strictMode } from './config/strict-mode.js';
import { describeUnknownSetting } from './config/unknown-settings.js';
import { createExporters } from './destination-exporters.js';
import { setupDiagnostics } from './diagnostics.js';
import { createHttpInstrumentations } from './http-instrumentations.js';
import { startLogging } from './logging/start-logging.js';
import { patchLoadedTelegraf } from './patch-loaded-telegraf.js';
import { dropReportSpans } from './pipeline/drop-report-span.js';
import { DropReporter } from './pipeline/drop-reporter.js';
import { createTelemetryPipeline } from './pipeline/telemetry-pipeline.js';
import { pseudonymKey } from './pseudonym-key.js';
import { composeRedactionHooks } from './redaction/compose-hooks.js';
import { withTelegramRedaction } from './redaction/telegram-redaction-policy.js';
import { buildResource } from './resource.js';
import { registerKnownSecrets } from './secret-registration.js';
import { flushOnNaturalExit, handleShutdownSignals } from './shutdown-signals.js';
import { startupLine } from './startup-report.js';

export interface TelemetryHandle {
  /** Flushes buffered telemetry (within `shutdownTimeoutMillis`) and stops. Idempotent. */
  shutdown(): Promise<void>;
  /**
   * What never reached the destination since start: records dropped (queue full, export failed),
   * and whether the last flush ran out of time (the records still in flight are lost too).
   */
  dropped(): { spans: number; logRecords: number; flushTimedOut: boolean };
  /** False when a configuration error disabled telemetry (nothing is exported). */
  readonly enabled: boolean;
}

const DISABLED: TelemetryHandle = {
  shutdown: async () => {},
  dropped: () => ({ spans: 0, logRecords: 0, flushTimedOut: false }),
  enabled: false,
};

// On globalThis, so the ESM and CJS builds (e.g. `--import …/register` plus a `require` of the
// package) share one instance.
const ACTIVE = Symbol.for('@telegraf-otel/sdk:active');
const registry = globalThis as typeof globalThis & { [ACTIVE]?: TelemetryHandle };

/** Resolves true when `work` settled within `millis`, false when the deadline came first. */
function withDeadline(work: Promise<unknown>, millis: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      diag.warn(
        `telegraf-otel: shutdown did not finish within ${millis} ms; remaining telemetry is dropped.`,
      );
      resolve(false);
    }, millis);
    timer.unref();
    work
      .then(
        () => resolve(true),
        () => resolve(true),
      )
      .finally(() => clearTimeout(timer));
  });
}

/** Diagnostics the app did not ask to silence go to its diag logger, else to stderr. */
function announce(line: string, config: ResolvedConfig, options: StartTelemetryOptions): void {
  if (options.diagLogger) options.diagLogger.info(line);
  else if (config.logLevel !== 'none' && config.logLevel !== 'error') console.error(line);
}

function describeFailure(error: unknown): string {
  if (error instanceof TelemetryConfigurationError)
    return error.problems.map((p) => `${p.setting}: ${p.message}`).join('; ');
  return (error instanceof Error ? error.message : String(error)).replace(/^telegraf-otel: /, '');
}

/**
 * Starts telemetry for a Telegraf bot: redacted spans and log records over OTLP/gRPC with TLS
 * (or to a private local file). Synchronous, so call it before the app loads `telegraf`.
 * Options override the environment. A configuration error disables telemetry (nothing is
 * exported) with one line on stderr, and the bot runs on; in strict mode
 * (`TELEGRAF_OTEL_STRICT=true`, option `strict`) it is thrown instead.
 */
export function startTelemetry(options: StartTelemetryOptions = {}): TelemetryHandle {
  const running = registry[ACTIVE];
  if (running) {
    diag.warn('telegraf-otel: telemetry is already started; the second start is ignored.');
    return running;
  }
  let config: ResolvedConfig;
  let exporters: ReturnType<typeof createExporters>;
  try {
    config = resolveConfig(options);
    exporters = createExporters(config, options.exporters);
  } catch (error) {
    if (strictMode(options, process.env)) throw error;
    const line =
      `telegraf-otel: telemetry is DISABLED, nothing is exported: ${describeFailure(error)}. ` +
      'The bot runs on; set TELEGRAF_OTEL_STRICT=true to make start-up fail instead.';
    if (options.diagLogger) options.diagLogger.error(line);
    else console.error(line);
    return DISABLED;
  }
  setupDiagnostics(config.logLevel, options.diagLogger);
  for (const unknown of config.unknownSettings)
    diag.warn(`telegraf-otel: ${describeUnknownSetting(unknown)}`);

  const key = pseudonymKey(config.pseudonymKey);
  const pseudonymiser = createPseudonymiser({ key, keyVersion: config.pseudonymKeyVersion });
  const redactor = createRedactor(
    withTelegramRedaction(withAuditAllowances(options.redactionPolicy), pseudonymiser.pattern),
  );
  const known = registerKnownSecrets(redactor, config, key);
  // Also global: a `telemetryMiddleware()` in a bundled app reaches them without options.
  const redactionHooks = composeRedactionHooks(
    {
      onBotToken: known.addBotToken,
      onWebhookSecret: known.addWebhookSecret,
      updateContent: redactor.content,
    },
    options.telegraf,
  );
  setGlobalRedactionHooks(redactionHooks);
  const logging = startLogging(config, pseudonymiser, redactor);

  const scrub = (s: string) => redactor.redactString(s);
  const reporter = new DropReporter(config.dropReportIntervalMillis, scrub);
  // The batch processors hand every failed export to the global error handler; the reporter
  // folds those into its periodic summary instead of one log line per failed batch.
  setGlobalErrorHandler((error) => reporter.noteError(error));

  const pipeline = createTelemetryPipeline(
    config,
    buildResource(config),
    exporters,
    redactor,
    reporter,
  );
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  // Trace context only: W3C baggage would copy whatever the app puts in it into the headers of
  // every outgoing request, Telegram's Bot API included.
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(pipeline.tracerProvider);
  reporter.setReportListener(
    dropReportSpans(pipeline.tracerProvider.getTracer('@telegraf-otel/sdk')),
  );
  logs.setGlobalLoggerProvider(pipeline.loggerProvider);
  logging.useLoggerProvider(pipeline.loggerProvider);

  const telegrafInstrumentation = new TelegrafInstrumentation({
    ...options.telegraf,
    pseudonymise: (kind, id) => pseudonymiser.pseudonymise(kind, id),
    ...redactionHooks,
  });
  const disableInstrumentations = registerInstrumentations({
    instrumentations: [
      telegrafInstrumentation,
      ...logging.instrumentations,
      ...createHttpInstrumentations(scrub, {
        http: config.instrumentHttp,
        undici: config.instrumentUndici,
      }),
    ],
    tracerProvider: pipeline.tracerProvider,
    loggerProvider: pipeline.loggerProvider,
  });

  const patchedLate = patchLoadedTelegraf(telegrafInstrumentation);
  logging.patchLoadedModules();
  announce(
    startupLine(
      config,
      patchedLate > 0
        ? ['telegraf was imported before telemetry started and has been patched in place']
        : [],
      options.exporters,
    ),
    config,
    options,
  );

  let stopping: Promise<void> | undefined;
  let flushTimedOut = false;
  const removeSignalHandlers = config.handleSignals
    ? handleShutdownSignals(() => handle.shutdown())
    : () => {};
  const removeExitHandler = flushOnNaturalExit(() => handle.shutdown());
  const handle: TelemetryHandle = {
    enabled: true,
    dropped: () => ({
      spans: reporter.dropped('spans'),
      logRecords: reporter.dropped('log records'),
      flushTimedOut,
    }),
    shutdown() {
      stopping ??= (async () => {
        removeSignalHandlers();
        removeExitHandler();
        flushTimedOut = !(await withDeadline(
          Promise.allSettled([
            pipeline.tracerProvider.shutdown(),
            pipeline.loggerProvider.shutdown(),
          ]),
          config.shutdownTimeoutMillis,
        ));
        disableInstrumentations();
        setGlobalRedactionHooks(undefined);
        logging.stop();
        reporter.flush();
        trace.disable();
        logs.disable();
        propagation.disable();
        context.disable();
        // The error handler stays: an export still in flight past the deadline fails into the
        // drop summary, not into a raw error dump on stderr.
        delete registry[ACTIVE];
      })();
      return stopping;
    },
  };
  registry[ACTIVE] = handle;
  return handle;
}
