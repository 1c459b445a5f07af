import { parseKeyPairsIntoRecord } from '@opentelemetry/core';
import type { SettingName, SettingsInput } from './settings-schema.js';

type Env = Record<string, string | undefined>;

/** Environment variables per setting, first match wins. */
export const ENVIRONMENT_VARIABLES: Record<SettingName, readonly string[]> = {
  serviceName: ['OTEL_SERVICE_NAME'],
  serviceVersion: ['TELEGRAF_OTEL_SERVICE_VERSION'],
  environment: ['TELEGRAF_OTEL_ENVIRONMENT'],
  resourceAttributes: ['OTEL_RESOURCE_ATTRIBUTES'],
  endpoint: ['OTEL_EXPORTER_OTLP_ENDPOINT'],
  insecure: ['OTEL_EXPORTER_OTLP_INSECURE'],
  caCertificate: ['OTEL_EXPORTER_OTLP_CERTIFICATE'],
  clientCertificate: ['OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE'],
  clientKey: ['OTEL_EXPORTER_OTLP_CLIENT_KEY'],
  headers: ['OTEL_EXPORTER_OTLP_HEADERS'],
  bearerToken: ['TELEGRAF_OTEL_BEARER_TOKEN'],
  compression: ['OTEL_EXPORTER_OTLP_COMPRESSION'],
  allowInsecure: ['TELEGRAF_OTEL_ALLOW_INSECURE'],
  exportTimeoutMillis: ['OTEL_EXPORTER_OTLP_TIMEOUT'],
  file: ['TELEGRAF_OTEL_FILE'],
  fileMaxBytes: ['TELEGRAF_OTEL_FILE_MAX_BYTES'],
  fileMaxFiles: ['TELEGRAF_OTEL_FILE_MAX_FILES'],
  pseudonymKey: ['TELEGRAF_OTEL_PSEUDONYM_KEY'],
  pseudonymKeyVersion: ['TELEGRAF_OTEL_PSEUDONYM_KEY_VERSION'],
  botToken: ['TELEGRAF_OTEL_BOT_TOKEN', 'BOT_TOKEN'],
  secrets: ['TELEGRAF_OTEL_SECRETS'],
  instrumentHttp: ['TELEGRAF_OTEL_INSTRUMENT_HTTP'],
  instrumentUndici: ['TELEGRAF_OTEL_INSTRUMENT_UNDICI'],
  maxQueueSize: ['TELEGRAF_OTEL_MAX_QUEUE_SIZE'],
  scheduledDelayMillis: ['OTEL_BSP_SCHEDULE_DELAY'],
  shutdownTimeoutMillis: ['TELEGRAF_OTEL_SHUTDOWN_TIMEOUT'],
  handleSignals: ['TELEGRAF_OTEL_HANDLE_SIGNALS'],
  dropReportIntervalMillis: ['TELEGRAF_OTEL_DROP_REPORT_INTERVAL'],
  logLevel: ['OTEL_LOG_LEVEL'],
  appLogLevel: ['TELEGRAF_OTEL_LOG_LEVEL'],
  auditKey: ['TELEGRAF_OTEL_AUDIT_KEY'],
  captureConsole: ['TELEGRAF_OTEL_CAPTURE_CONSOLE'],
  strict: ['TELEGRAF_OTEL_STRICT'],
};

function parseValue(name: SettingName, raw: string): unknown {
  switch (name) {
    case 'resourceAttributes':
    case 'headers':
      return parseKeyPairsIntoRecord(raw);
    case 'secrets':
      return raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case 'compression':
    case 'logLevel':
    case 'appLogLevel':
      return raw.trim().toLowerCase();
    default:
      return raw;
  }
}

/**
 * Reads the settings present in the environment, and which variable each came from (so that a
 * validation error can name it).
 */
export function readEnvironment(env: Env): {
  values: Partial<Record<SettingName, unknown>>;
  sources: Partial<Record<SettingName, string>>;
} {
  const values: Partial<Record<SettingName, unknown>> = {};
  const sources: Partial<Record<SettingName, string>> = {};
  for (const [name, variables] of Object.entries(ENVIRONMENT_VARIABLES) as [
    SettingName,
    readonly string[],
  ][]) {
    const variable = variables.find((v) => env[v] !== undefined && env[v]?.trim() !== '');
    if (variable === undefined) continue;
    values[name] = parseValue(name, env[variable] as string);
    sources[name] = variable;
  }
  return { values: values as Partial<SettingsInput>, sources };
}
