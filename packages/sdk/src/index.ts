export {
  correlationId,
  createSafeErrorHandler,
  type SafeErrorHandlerOptions,
  safeErrorHandler,
} from '@telegraf-otel/instrumentation';
export { type AccessContext, type AccessRule, requireAccess } from './audit/access-control.js';
export { type AuditDetails, audit } from './audit/audit.js';
export type { AuditOutcome } from './audit/audit-attributes.js';
export { readAuditRecords } from './audit/verify/read-audit-records.js';
export {
  type ChainProblem,
  type ChainReport,
  type ChainSummary,
  verifyAuditChain,
} from './audit/verify/verify-audit-chain.js';
export {
  type ConfigurationProblem,
  TelemetryConfigurationError,
} from './config/configuration-error.js';
export { ENVIRONMENT_VARIABLES } from './config/environment.js';
export type { StartTelemetryOptions } from './config/options.js';
export { DEFAULT_FILE, type ResolvedConfig, resolveConfig } from './config/resolve-config.js';
export type { Finding } from './doctor/finding.js';
export { type DoctorReport, runDoctor } from './doctor/run-doctor.js';
export { InsecureFileDestinationError } from './file/secure-file-writer.js';
export { captureConsole } from './logging/console-capture.js';
export { type LogLevel, setLogLevel } from './logging/log-level.js';
export { createLogger, type TelemetryLogger } from './logging/logger.js';
export type {} from './logging/telegraf-augmentation.js';
export { logFor } from './logging/update-logger.js';
export { startTelemetry, type TelemetryHandle } from './start-telemetry.js';
