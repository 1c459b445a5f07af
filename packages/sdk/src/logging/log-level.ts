import { SeverityNumber } from '@opentelemetry/api';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** OpenTelemetry severity of each level (the first number of its range) and its text. */
export const SEVERITY: Record<LogLevel, { number: SeverityNumber; text: string }> = {
  debug: { number: SeverityNumber.DEBUG, text: 'DEBUG' },
  info: { number: SeverityNumber.INFO, text: 'INFO' },
  warn: { number: SeverityNumber.WARN, text: 'WARN' },
  error: { number: SeverityNumber.ERROR, text: 'ERROR' },
  fatal: { number: SeverityNumber.FATAL, text: 'FATAL' },
};

export const LOG_LEVEL_VARIABLE = 'TELEGRAF_OTEL_LOG_LEVEL';
const DEFAULT_LEVEL: LogLevel = 'info';

/** Parses a level name (case-insensitive); unset means `info`, an unknown name is an error. */
export function parseLogLevel(raw: string | undefined, source = LOG_LEVEL_VARIABLE): LogLevel {
  if (raw === undefined || raw.trim() === '') return DEFAULT_LEVEL;
  const level = raw.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new RangeError(`${source}=${raw} is not a log level; use one of ${LOG_LEVELS.join(', ')}`);
}

// Shared by the ESM and CJS builds; a plain number so the level check costs one comparison.
const MINIMUM = Symbol.for('@telegraf-otel/sdk:minimum-severity');
const state = globalThis as typeof globalThis & { [MINIMUM]?: number };

/** The least severity that is emitted. */
export function minimumSeverity(): number {
  state[MINIMUM] ??= SEVERITY[levelFromEnvironment()].number;
  return state[MINIMUM];
}

// Before startTelemetry() validated it, a bad value must not make a log call throw.
function levelFromEnvironment(): LogLevel {
  try {
    return parseLogLevel(process.env[LOG_LEVEL_VARIABLE]);
  } catch {
    return DEFAULT_LEVEL;
  }
}

/** Sets the minimum level of the app loggers (`TELEGRAF_OTEL_LOG_LEVEL` at start). */
export function setLogLevel(level: LogLevel): void {
  state[MINIMUM] = SEVERITY[level].number;
}
