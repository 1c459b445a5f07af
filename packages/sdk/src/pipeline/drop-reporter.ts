import { type DiagLogger, diag } from '@opentelemetry/api';

export type TelemetrySignal = 'spans' | 'log records';

/** Told of each report: how many records of a signal were dropped since the last one, and why. */
export type DropReportListener = (
  signal: TelemetrySignal,
  count: number,
  errorTypes: readonly string[],
) => void;

/**
 * Counts telemetry that never reached the destination (queue full, export failed) and reports it
 * through the diagnostic logger at most once per interval — never per record, so a collector that
 * is down cannot flood the bot's own logs.
 */
export class DropReporter {
  private readonly pending = new Map<TelemetrySignal, number>();
  private readonly totals = new Map<TelemetrySignal, number>();
  private readonly errorTypes = new Set<string>();
  private lastError: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private firstReport: NodeJS.Immediate | undefined;
  private listener: DropReportListener | undefined;
  private reporting = false;

  constructor(
    private readonly intervalMillis: number,
    private readonly scrub: (message: string) => string,
    private readonly logger: DiagLogger = diag,
  ) {}

  /** `errorType` is the processor's `error.type`: `queue_full` or the export error's name. */
  record(signal: TelemetrySignal, count: number, errorType: string): void {
    this.pending.set(signal, (this.pending.get(signal) ?? 0) + count);
    this.totals.set(signal, (this.totals.get(signal) ?? 0) + count);
    this.errorTypes.add(errorType);
    // A drop while reporting (the report's own span, say) waits for the next interval.
    if (this.timer === undefined && !this.reporting) {
      // The first drop is reported right away, but after the current tick so that the export
      // error that caused it (delivered to the global error handler a few microtasks later) is
      // part of the message.
      this.firstReport = setImmediate(() => this.report());
      this.firstReport.unref();
      this.schedule();
    }
  }

  /** Also tells `listener` of every report (the SDK records each as a span the collector counts). */
  setReportListener(listener: DropReportListener): void {
    this.listener = listener;
  }

  /** Remembers the cause of the latest failure (an SDK error) without logging it on its own. */
  noteError(error: unknown): void {
    this.lastError = error instanceof Error ? error.message : String(error);
  }

  /** Records dropped since start, per signal. */
  dropped(signal: TelemetrySignal): number {
    return this.totals.get(signal) ?? 0;
  }

  /** Reports what is still pending (used at shutdown) and stops the timer. */
  flush(): void {
    clearTimeout(this.timer);
    clearImmediate(this.firstReport);
    this.timer = undefined;
    this.report();
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.report()) this.schedule();
    }, this.intervalMillis);
    // Reporting must never keep the bot alive.
    this.timer.unref();
  }

  private report(): boolean {
    const drops = [...this.pending].filter(([, n]) => n > 0);
    if (drops.length === 0) return false;
    // `1 log record`, `2 log records`.
    const parts = drops.map(([signal, n]) => `${n} ${n === 1 ? signal.slice(0, -1) : signal}`);
    const errorTypes = [...this.errorTypes].sort();
    this.pending.clear();
    this.errorTypes.clear();
    // The listener's report span can itself be dropped (a full queue): that drop stays pending
    // for the next report instead of being cleared with this one.
    this.reporting = true;
    try {
      for (const [signal, n] of drops) this.listener?.(signal, n, errorTypes);
    } finally {
      this.reporting = false;
    }
    const causes = [`error.type: ${errorTypes.join(', ')}`];
    if (this.lastError) causes.push(`last error: ${this.scrub(this.lastError)}`);
    this.lastError = undefined;
    const reason = ` (${causes.join('; ')})`;
    this.logger.warn(
      `telegraf-otel: dropped ${parts.join(' and ')} that could not be exported${reason}; ` +
        `further drops are summarised at most every ${Math.round(this.intervalMillis / 1000)} s. ` +
        'Run `npx @telegraf-otel/cli doctor` to check the collector connection.',
    );
    return true;
  }
}
