import type { Pseudonymiser, Redactor } from '@telegraf-otel/redaction';
import type { AuditChain } from '../audit/audit-chain.js';

/** What startTelemetry() lends the app loggers and the audit trail. */
export interface LoggingRuntime {
  readonly pseudonymiser: Pseudonymiser;
  readonly redactor: Redactor;
  /** The audit hash chain of this process run. */
  readonly auditChain: AuditChain;
}

// On globalThis, so the ESM and CJS builds of the package see the same telemetry.
const RUNTIME = Symbol.for('@telegraf-otel/sdk:logging-runtime');
const registry = globalThis as typeof globalThis & { [RUNTIME]?: LoggingRuntime };

export function loggingRuntime(): LoggingRuntime | undefined {
  return registry[RUNTIME];
}

export function setLoggingRuntime(runtime: LoggingRuntime | undefined): void {
  if (runtime) registry[RUNTIME] = runtime;
  else delete registry[RUNTIME];
}
