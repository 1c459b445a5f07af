import type { InstrumentationConfig, SpanCustomizationHook } from '@opentelemetry/instrumentation';
import type { UpdateContentSink } from './redaction-hooks.js';

/** What an `updateHook` learns about an update (never the update itself: it holds personal data). */
export interface UpdateHookInfo {
  /** Bounded update type (`message`, `callback_query`, …, `_OTHER`). */
  updateType: string;
  updateId: number | undefined;
}

/** What an `apiCallHook` learns about a Bot API call (never the payload or the client: they hold the token). */
export interface ApiCallHookInfo {
  /** Bounded method name (`sendMessage`, …, `_OTHER`). */
  method: string;
}

/** Maps a Telegram user or chat id to a keyed pseudonym (e.g. HMAC-SHA256). */
export type Pseudonymise = (kind: 'user' | 'chat', id: number) => string;

export interface TelegrafTelemetryConfig {
  /** Bot API methods that get no span. Default `['getUpdates']` (a long poll every few seconds). */
  ignoreApiMethods?: string[];
  /** Customise the update span right after it starts. A throwing hook is logged and ignored. */
  updateHook?: SpanCustomizationHook<UpdateHookInfo>;
  /** Customise a Bot API call span right after it starts. A throwing hook is logged and ignored. */
  apiCallHook?: SpanCustomizationHook<ApiCallHookInfo>;
  /** Emit log records (`telegram.update.handled`, …). Default true. */
  emitLogs?: boolean;
  /** Without it no id-derived attribute is recorded; with it `telegram.user.hash` / `telegram.chat.hash`. */
  pseudonymise?: Pseudonymise;
  /** Called once per distinct bot token seen, before any telemetry of that bot is exported. */
  onBotToken?: (token: string) => void;
  /**
   * Called once per distinct webhook secret seen: a `webhookCallback`/`createWebhook`/`launch`
   * path other than `/` (and its long segments), and the `secretToken`. Patched bots only.
   */
  onWebhookSecret?: (secret: string) => void;
  /**
   * Receives each update's personal values (text, names, username, phone, ids, …) before any
   * handler runs, and is told when the update is done: a redactor masks them in that trace.
   */
  updateContent?: UpdateContentSink;
  /**
   * Commands recorded in `telegram.command` besides those learned from `bot.command()`,
   * `bot.start()`/`help()`/`settings()` and `setMyCommands`; any other `/word` is `_OTHER`.
   */
  commands?: string[];
}

export interface TelegrafInstrumentationConfig
  extends InstrumentationConfig,
    TelegrafTelemetryConfig {}
