/**
 * Zero-code entry: `node --import @telegraf-otel/sdk/register app.js`. Configured entirely by
 * environment variables (see the README); telemetry is flushed on SIGTERM/SIGINT.
 */
import { startTelemetry } from './start-telemetry.js';

startTelemetry();
