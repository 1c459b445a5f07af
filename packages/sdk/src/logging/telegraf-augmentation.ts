import type { TelemetryLogger } from './logger.js';

declare module 'telegraf' {
  interface Context {
    /**
     * The update's logger (added by `@telegraf-otel/sdk`): records carry the update type, the
     * registered command and the pseudonymous user and chat, correlated with the update span.
     */
    readonly log: TelemetryLogger;
  }
}
