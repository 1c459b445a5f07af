import { diag } from '@opentelemetry/api';

/**
 * The deferred exports of one exporter wrapper that have not been handed on yet, so that
 * forceFlush() and shutdown() can wait for them before flushing or closing the wrapped exporter.
 */
export class InFlightExports {
  private readonly pending = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    const tracked = work
      .catch((error: unknown) => {
        // Only a throwing result callback gets here; an unhandled rejection would end the process.
        diag.error('redaction: an export result callback threw', (error as Error)?.name);
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Resolves once every export tracked so far has been handed on (or failed). */
  async settled(): Promise<void> {
    await Promise.all(this.pending);
  }
}
