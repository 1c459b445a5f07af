const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * On SIGTERM/SIGINT: let the app's own handlers run first (e.g. `bot.stop()` emits its last
 * records), flush, then — if nobody else handles the signal — re-raise it so the process ends
 * the way it would have without telemetry. Returns a function that removes the handlers.
 */
export function handleShutdownSignals(shutdown: () => Promise<void>): () => void {
  const handlers = new Map<NodeJS.Signals, () => void>();
  const remove = (): void => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    handlers.clear();
  };
  for (const signal of SIGNALS) {
    const handler = (): void => {
      // Counted before removing ours: listeners the app registered (even with `once`) are
      // still attached while this emit runs.
      const appHandlesSignal = process.listenerCount(signal) > 1;
      remove();
      setImmediate(() => {
        void shutdown().finally(() => {
          if (!appHandlesSignal) process.kill(process.pid, signal);
        });
      });
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  return remove;
}

/**
 * When the process is about to end by itself (`bot.stop()` from code, then the event loop
 * drains), flush first: the last records would otherwise stay in the batch queues. Returns a
 * function that removes the handler.
 */
export function flushOnNaturalExit(shutdown: () => Promise<void>): () => void {
  const handler = (): void => {
    void shutdown();
  };
  process.once('beforeExit', handler);
  return () => process.removeListener('beforeExit', handler);
}
