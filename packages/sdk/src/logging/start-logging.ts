import { diag, type LoggerProvider } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { Pseudonymiser, Redactor } from '@telegraf-otel/redaction';
import { AuditChain } from '../audit/audit-chain.js';
import { auditKey } from '../audit/audit-key.js';
import { patchLoadedTelegraf } from '../patch-loaded-telegraf.js';
import { captureConsole } from './console-capture.js';
import { TelegrafContextInstrumentation } from './context-instrumentation.js';
import { createLogBridges, shareLoggerProviderWithLegacyApi } from './log-bridges.js';
import { type LogLevel, setLogLevel } from './log-level.js';
import { setLoggingRuntime } from './logging-runtime.js';

export interface LoggingSettings {
  appLogLevel: LogLevel;
  pseudonymKey?: string;
  auditKey?: string;
  captureConsole: boolean;
}

export interface LoggingSetup {
  /** `ctx.log` and safe serialisation of Telegraf objects, the pino and winston bridges. */
  instrumentations: Instrumentation[];
  /** Once the instrumentations are enabled: patches a Telegraf loaded before start. */
  patchLoadedModules(): void;
  /** Called once the global logger provider is set. */
  useLoggerProvider(provider: LoggerProvider): void;
  stop(): void;
}

/**
 * The developer-facing logging of startTelemetry(): the app loggers' level, the audit chain
 * (its key registered as a known secret), the Telegraf context patch, the pino and winston
 * bridges and, when asked for, console capture.
 */
export function startLogging(
  settings: LoggingSettings,
  pseudonymiser: Pseudonymiser,
  redactor: Redactor,
): LoggingSetup {
  setLogLevel(settings.appLogLevel);
  const { key, warning } = auditKey(settings.auditKey, settings.pseudonymKey);
  redactor.addSecret(key);
  // Warned when the trail is first used: a bot without audit records needs no audit key.
  const onFirstRecord = warning ? () => diag.warn(warning) : undefined;
  setLoggingRuntime({ pseudonymiser, redactor, auditChain: new AuditChain(key, onFirstRecord) });
  const restoreConsole = settings.captureConsole ? captureConsole() : () => {};
  let unshareProvider = () => {};
  const contextInstrumentation = new TelegrafContextInstrumentation();
  return {
    instrumentations: [contextInstrumentation, ...createLogBridges()],
    patchLoadedModules() {
      patchLoadedTelegraf(contextInstrumentation);
    },
    useLoggerProvider(provider) {
      unshareProvider = shareLoggerProviderWithLegacyApi(provider);
    },
    stop() {
      unshareProvider();
      restoreConsole();
      setLoggingRuntime(undefined);
    },
  };
}
