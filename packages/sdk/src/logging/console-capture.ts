import { format } from 'node:util';
import { scrubException } from '@telegraf-otel/instrumentation';
import type { LogLevel } from './log-level.js';
import { createLogger, type TelemetryLogger } from './logger.js';
import { contextIdentity, isTelegrafContext } from './telegraf-context.js';

const METHODS: Record<'debug' | 'log' | 'info' | 'warn' | 'error', LogLevel> = {
  debug: 'debug',
  log: 'info',
  info: 'info',
  warn: 'warn',
  error: 'error',
};

function safeArgument(arg: unknown): unknown {
  if (arg instanceof Error) {
    const { name, message } = scrubException(arg, undefined);
    return `${name}: ${message}`;
  }
  return isTelegrafContext(arg) ? contextIdentity(arg) : arg;
}

const isOwnDiagnostic = (first: unknown): boolean =>
  typeof first === 'string' && first.startsWith('telegraf-otel:');

/**
 * Also sends `console.debug/log/info/warn/error` output as log records (scope `console`). The
 * console keeps printing as before; the record's body is the formatted line, with errors reduced
 * to type and message and Telegraf contexts to their content-free identity. Returns the undo.
 */
export function captureConsole(logger: TelemetryLogger = createLogger('console')): () => void {
  const originals = new Map<keyof typeof METHODS, (...args: unknown[]) => void>();
  let writing = false;
  for (const [method, level] of Object.entries(METHODS) as [keyof typeof METHODS, LogLevel][]) {
    const original = console[method];
    originals.set(method, original);
    console[method] = (...args: unknown[]) => {
      original.apply(console, args);
      // A diagnostic printed while emitting must not be captured again, nor the SDK's own lines
      // (a drop report captured as a record would feed the queue it reports on).
      if (writing || !logger.isLevelEnabled(level) || isOwnDiagnostic(args[0])) return;
      writing = true;
      try {
        logger[level](format(...args.map(safeArgument)));
      } finally {
        writing = false;
      }
    };
  }
  return () => {
    for (const [method, original] of originals) console[method] = original;
  };
}
