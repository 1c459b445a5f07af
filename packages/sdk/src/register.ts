/**
 * Zero-code entry: `node --import @telegraf-otel/sdk/register app.js`. Configured entirely by
 * environment variables (see the README); telemetry is flushed on SIGTERM/SIGINT and on exit.
 */
import { startTelemetry } from './start-telemetry.js';

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
