import {
  type Attributes,
  type Context,
  context,
  diag,
  type Logger,
  type LoggerProvider,
  logs,
} from '@opentelemetry/api';
import { type LogLevel, minimumSeverity, SEVERITY } from './log-level.js';
import { toSafeAttributes } from './safe-attributes.js';

/** A levelled, structured logger whose records join the redacted telemetry pipeline. */
export interface TelemetryLogger {
  debug(message: string, details?: unknown): void;
  info(message: string, details?: unknown): void;
  warn(message: string, details?: unknown): void;
  error(message: string, details?: unknown): void;
  fatal(message: string, details?: unknown): void;
  /** A logger that adds `attributes` to every record. */
  child(attributes: Record<string, unknown>): TelemetryLogger;
  /** False when records of `level` are below `TELEGRAF_OTEL_LOG_LEVEL` (skip costly details). */
  isLevelEnabled(level: LogLevel): boolean;
}

export const DEFAULT_LOGGER_NAME = 'app';

/** Where a logger's records belong: bound attributes (computed once, lazily) and context. */
export interface LoggerBinding {
  readonly name: string;
  readonly attributes: () => Attributes;
  /** The context records are correlated with; the active one when absent. */
  readonly context?: Context;
}

class AppLogger implements TelemetryLogger {
  private provider: LoggerProvider | undefined;
  private logger: Logger | undefined;

  constructor(private readonly binding: LoggerBinding) {}

  // getLogger() costs microseconds; the provider changes only when telemetry (re)starts.
  private otelLogger(): Logger {
    const provider = logs.getLoggerProvider();
    if (provider !== this.provider || !this.logger) {
      this.provider = provider;
      this.logger = provider.getLogger(this.binding.name);
    }
    return this.logger;
  }

  debug(message: string, details?: unknown): void {
    this.log('debug', message, details);
  }
  info(message: string, details?: unknown): void {
    this.log('info', message, details);
  }
  warn(message: string, details?: unknown): void {
    this.log('warn', message, details);
  }
  error(message: string, details?: unknown): void {
    this.log('error', message, details);
  }
  fatal(message: string, details?: unknown): void {
    this.log('fatal', message, details);
  }

  isLevelEnabled(level: LogLevel): boolean {
    return SEVERITY[level].number >= minimumSeverity();
  }

  child(attributes: Record<string, unknown>): TelemetryLogger {
    const parent = this.binding.attributes;
    const own = toSafeAttributes(attributes);
    return new AppLogger({ ...this.binding, attributes: () => ({ ...parent(), ...own }) });
  }

  private log(level: LogLevel, message: string, details: unknown): void {
    const severity = SEVERITY[level];
    // The whole cost of a filtered record: one comparison, no allocation.
    if (severity.number < minimumSeverity()) return;
    try {
      this.otelLogger().emit({
        severityNumber: severity.number,
        severityText: severity.text,
        body: typeof message === 'string' ? message : String(message),
        attributes: { ...this.binding.attributes(), ...toSafeAttributes(details) },
        context: this.binding.context ?? context.active(),
      });
    } catch {
      diag.error('telegraf-otel: could not emit an app log record');
    }
  }
}

const NO_ATTRIBUTES = (): Attributes => ({});

/**
 * A logger for application code: `log.info('order placed', { items: 3 })`. Records carry the
 * severity number and text, are correlated with the active span (the update's, inside a handler)
 * and are redacted on export like every other record.
 */
export function createLogger(name: string = DEFAULT_LOGGER_NAME): TelemetryLogger {
  return new AppLogger({ name, attributes: NO_ATTRIBUTES });
}

export function createBoundLogger(binding: LoggerBinding): TelemetryLogger {
  return new AppLogger(binding);
}
