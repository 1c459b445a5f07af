/**
 * Zero-code entry: `node --import @telegraf-otel/sdk/register app.js`. Configured entirely by
 * environment variables (see the README); telemetry is flushed on SIGTERM/SIGINT and on exit.
 */
import { isMainThread } from 'node:worker_threads';
import { registerEsmLoggerHooks } from './esm-logger-hooks.js';
import { startTelemetry } from './start-telemetry.js';

// Node also runs `--require` preloads in the thread of the module hooks registered below (and the
// app's worker threads inherit the flag): telemetry belongs to the app's main thread only.
if (isMainThread) {
  registerEsmLoggerHooks(import.meta.url);
  try {
    startTelemetry();
  } catch (error) {
    // Only in strict mode does a configuration error get here: the app must not start, and the
    // reason is one line, not a stack trace.
    console.error(
      `${error instanceof Error ? error.message : String(error)} (TELEGRAF_OTEL_STRICT=true: the bot is not started)`,
    );
    process.exit(1);
  }
}
