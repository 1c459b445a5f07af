import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitForOptions {
  /** Give up after this many milliseconds. Default 20 s. */
  timeoutMs?: number;
  /** Poll interval. Default 50 ms. */
  intervalMs?: number;
  /** Extra text for the timeout error (e.g. a process's stderr). */
  describe?: () => string;
}

/** Polls `check` until it returns a value other than undefined/false; throws `what` on timeout. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  options: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      const detail = options.describe ? `\n${options.describe()}` : '';
      throw new Error(`timed out waiting for ${what}${reason}${detail}`);
    }
    await sleep(options.intervalMs ?? 50);
  }
}
