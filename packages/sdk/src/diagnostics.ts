import { DiagConsoleLogger, type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { ResolvedConfig } from './config/resolve-config.js';

const LEVELS: Record<ResolvedConfig['logLevel'], DiagLogLevel> = {
  none: DiagLogLevel.NONE,
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** Routes OpenTelemetry diagnostics (ours included) to the given logger or to stderr. */
export function setupDiagnostics(level: ResolvedConfig['logLevel'], logger?: DiagLogger): void {
  diag.setLogger(logger ?? new DiagConsoleLogger(), {
    logLevel: LEVELS[level],
    suppressOverrideMessage: true,
  });
}
