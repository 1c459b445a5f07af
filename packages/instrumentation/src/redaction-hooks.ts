import type { TelegrafTelemetryConfig } from './types.js';

/** Where the values of an update go so that a redactor masks them in that update's trace. */
export interface UpdateContentSink {
  /** Values to mask in every record of the trace `traceId`. */
  remember(traceId: string, values: readonly string[]): void;
  /** The update is done; nothing more is added to `traceId`. */
  finish(traceId: string): void;
}

/** What the instrumentation tells a redactor: secrets it learns and the content of each update. */
export interface RedactionHooks {
  onBotToken?: (token: string) => void;
  onWebhookSecret?: (secret: string) => void;
  updateContent?: UpdateContentSink;
}

// On globalThis, so that an SDK started in one copy of the package (ESM, CJS, or bundled) reaches
// a middleware created in another, even when the app passes it no options.
const GLOBAL_HOOKS = Symbol.for('@telegraf-otel/redaction-hooks');
const registry = globalThis as typeof globalThis & { [GLOBAL_HOOKS]?: RedactionHooks };

/**
 * Installs the process-wide fallback hooks (used where the config sets none); `undefined` removes
 * them. `startTelemetry()` of `@telegraf-otel/sdk` does this for you.
 */
export function setGlobalRedactionHooks(hooks: RedactionHooks | undefined): void {
  if (hooks) registry[GLOBAL_HOOKS] = hooks;
  else delete registry[GLOBAL_HOOKS];
}

/** The hook `name` in effect: the config's when set there, else the global one (read per use). */
export function redactionHook<K extends keyof RedactionHooks>(
  config: TelegrafTelemetryConfig,
  name: K,
): RedactionHooks[K] {
  return config[name] ?? registry[GLOBAL_HOOKS]?.[name];
}
