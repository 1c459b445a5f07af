import type { DiagLogger } from '@opentelemetry/api';
import type { LogRecordExporter } from '@opentelemetry/sdk-logs';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { TelegrafInstrumentationConfig } from '@telegraf-otel/instrumentation';
import type { RedactionPolicy } from '@telegraf-otel/redaction';

/**
 * Options of {@link startTelemetry}. Every option is optional; an option given here overrides
 * the corresponding environment variable (named in brackets).
 */
export interface StartTelemetryOptions {
  /** `service.name` [OTEL_SERVICE_NAME]. Default: `service.name` of OTEL_RESOURCE_ATTRIBUTES, else `telegram-bot`. */
  serviceName?: string;
  /** `service.version` [TELEGRAF_OTEL_SERVICE_VERSION]. */
  serviceVersion?: string;
  /** `deployment.environment.name` [TELEGRAF_OTEL_ENVIRONMENT]. */
  environment?: string;
  /** Extra resource attributes [OTEL_RESOURCE_ATTRIBUTES]. */
  resourceAttributes?: Record<string, string>;

  /** OTLP/gRPC endpoint, `https://host:4317` [OTEL_EXPORTER_OTLP_ENDPOINT]. None → file destination. */
  endpoint?: string;
  /** CA certificate (PEM file) that verifies the collector [OTEL_EXPORTER_OTLP_CERTIFICATE]. */
  caCertificate?: string;
  /** Client certificate (PEM file) for mTLS [OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE]. */
  clientCertificate?: string;
  /** Private key of the client certificate (PEM file) [OTEL_EXPORTER_OTLP_CLIENT_KEY]. */
  clientKey?: string;
  /** gRPC metadata sent with every export [OTEL_EXPORTER_OTLP_HEADERS]. */
  headers?: Record<string, string>;
  /** Sent as `authorization: Bearer <token>` [TELEGRAF_OTEL_BEARER_TOKEN]. */
  bearerToken?: string;
  /** [OTEL_EXPORTER_OTLP_COMPRESSION]. Default `none` (the collector runs next to the bot); `gzip` for a remote one. */
  compression?: 'gzip' | 'none';
  /** Allow a plaintext `http://` endpoint on a loopback address, for development [TELEGRAF_OTEL_ALLOW_INSECURE]. */
  allowInsecure?: boolean;
  /** Export timeout [OTEL_EXPORTER_OTLP_TIMEOUT]. Default 10 000 ms. */
  exportTimeoutMillis?: number;

  /** Write telemetry to this JSON Lines file (also used when no endpoint is set) [TELEGRAF_OTEL_FILE]. */
  file?: string;
  /** Rotate the file at this size [TELEGRAF_OTEL_FILE_MAX_BYTES]. Default 10 MiB. */
  fileMaxBytes?: number;
  /** Files kept, the current one included [TELEGRAF_OTEL_FILE_MAX_FILES]. Default 5. */
  fileMaxFiles?: number;

  /** HMAC key for user/chat pseudonyms, at least 32 bytes [TELEGRAF_OTEL_PSEUDONYM_KEY]. */
  pseudonymKey?: string;
  /** Version prefix of the pseudonyms (`v1:…`) [TELEGRAF_OTEL_PSEUDONYM_KEY_VERSION]. Default 1. */
  pseudonymKeyVersion?: number;
  /** Minimum level of the app loggers and `ctx.log` [TELEGRAF_OTEL_LOG_LEVEL]. Default `info`. */
  appLogLevel?: 'debug' | 'info' | 'warn' | 'error' | 'fatal';
  /**
   * Key of the audit trail's hash chain, at least 32 bytes, not the pseudonym key
   * [TELEGRAF_OTEL_AUDIT_KEY]. Default: random per process (the chain cannot be verified later).
   */
  auditKey?: string;
  /** Also send `console.*` output as log records [TELEGRAF_OTEL_CAPTURE_CONSOLE]. Default false. */
  captureConsole?: boolean;
  /** The bot token, registered as a known secret [TELEGRAF_OTEL_BOT_TOKEN, BOT_TOKEN]. */
  botToken?: string;
  /** Further known secrets masked wherever they appear (e.g. the webhook secret) [TELEGRAF_OTEL_SECRETS, comma-separated]. */
  secrets?: string[];
  /**
   * Redaction policy (default: `defaultPolicy` of @telegraf-otel/redaction); the SDK adds the
   * Telegram rules (its attributes' shapes, the Bot API objects) on top.
   */
  redactionPolicy?: RedactionPolicy;
  /**
   * Exporters that receive the spans and/or log records instead of the configured destination
   * (like the OpenTelemetry Node SDK's `traceExporter`), e.g. in-memory exporters in a test or a
   * vendor's exporter. They are always wrapped by the redacting exporters: they receive redacted
   * records only. A signal without one goes to the destination.
   */
  exporters?: { spans?: SpanExporter; logs?: LogRecordExporter };

  /** Also instrument Node's http/https modules [TELEGRAF_OTEL_INSTRUMENT_HTTP]. Default false. */
  instrumentHttp?: boolean;
  /** Also instrument undici / fetch [TELEGRAF_OTEL_INSTRUMENT_UNDICI]. Default false. */
  instrumentUndici?: boolean;
  /** Passed to TelegrafInstrumentation (the SDK wires `pseudonymise` and `onBotToken` itself). */
  telegraf?: Omit<TelegrafInstrumentationConfig, 'pseudonymise' | 'onBotToken'>;

  /** Records buffered per signal before new ones are dropped [TELEGRAF_OTEL_MAX_QUEUE_SIZE]. Default 2048. */
  maxQueueSize?: number;
  /** Delay between batch exports [OTEL_BSP_SCHEDULE_DELAY]. Default 1000 ms. */
  scheduledDelayMillis?: number;
  /** How long a shutdown may take to flush [TELEGRAF_OTEL_SHUTDOWN_TIMEOUT]. Default 5000 ms. */
  shutdownTimeoutMillis?: number;
  /** Flush on SIGTERM/SIGINT before the process exits. Default true. */
  handleSignals?: boolean;
  /** Minimum time between two reports of dropped records. Default 60 000 ms. */
  dropReportIntervalMillis?: number;
  /**
   * Fail start-up on a configuration error (or an unknown setting) instead of running the bot
   * with telemetry disabled [TELEGRAF_OTEL_STRICT]. Recommended for CI and containers. Default false.
   */
  strict?: boolean;
  /** Receives the SDK's diagnostics (drops, configuration warnings). Default: stderr, level [OTEL_LOG_LEVEL] (warn). */
  diagLogger?: DiagLogger;
}
