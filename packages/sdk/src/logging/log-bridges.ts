import type { LoggerProvider } from '@opentelemetry/api';
import { logs as legacyLogs } from '@opentelemetry/api-logs';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { WinstonInstrumentation } from '@opentelemetry/instrumentation-winston';

/**
 * The OpenTelemetry-maintained bridges for pino and winston: they patch those loggers when (and
 * only if) the app loads them, add trace and span ids to their output, and send every record
 * through the telemetry pipeline, where it is redacted like any other.
 */
export function createLogBridges(): Instrumentation[] {
  // Compiled against their own copy of @opentelemetry/instrumentation: same interface, other class.
  return [new PinoInstrumentation(), new WinstonInstrumentation()] as unknown as Instrumentation[];
}

/**
 * The winston transport still emits through the separate `@opentelemetry/api-logs` package,
 * whose global provider is not the one of `@opentelemetry/api`: point it at ours too.
 * Returns the undo.
 */
export function shareLoggerProviderWithLegacyApi(provider: LoggerProvider): () => void {
  legacyLogs.setGlobalLoggerProvider(
    provider as Parameters<typeof legacyLogs.setGlobalLoggerProvider>[0],
  );
  return () => legacyLogs.disable();
}
