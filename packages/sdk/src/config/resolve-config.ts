import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { TelemetryConfigurationError } from './configuration-error.js';
import { readEnvironment } from './environment.js';
import type { StartTelemetryOptions } from './options.js';
import { type SettingName, type Settings, settingsSchema } from './settings-schema.js';

export interface OtlpDestination {
  kind: 'otlp';
  /** Normalised endpoint URL (`https://host:port`, or `http://` when plaintext was allowed). */
  url: URL;
  insecure: boolean;
  caCertificate?: string;
  clientCertificate?: string;
  clientKey?: string;
  headers: Record<string, string>;
  compression: 'gzip' | 'none';
  timeoutMillis: number;
}

export interface FileDestination {
  kind: 'file';
  path: string;
  maxBytes: number;
  maxFiles: number;
}

export type ResolvedConfig = Omit<Settings, 'headers' | 'endpoint' | 'insecure' | 'file'> & {
  destination: OtlpDestination | FileDestination;
};

/** Where telemetry goes when neither an endpoint nor a file is configured. */
export const DEFAULT_FILE = '.telegraf-otel/telemetry.jsonl';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

function describeSource(name: SettingName, sources: Partial<Record<SettingName, string>>): string {
  return sources[name] ?? `option \`${name}\``;
}

function parseEndpoint(
  settings: Settings,
  sources: Partial<Record<SettingName, string>>,
): { url: URL; insecure: boolean } {
  const raw = settings.endpoint as string;
  const where = describeSource('endpoint', sources);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new TelemetryConfigurationError(
      `telegraf-otel: ${where} is not a valid URL (${JSON.stringify(raw)}). Expected https://host:4317.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TelemetryConfigurationError(
      `telegraf-otel: ${where} uses the unsupported scheme ${url.protocol} — use https://host:4317 (OTLP over gRPC with TLS).`,
    );
  }
  const insecure = url.protocol === 'http:' || settings.insecure;
  if (insecure && !settings.allowInsecure) {
    throw new TelemetryConfigurationError(
      `telegraf-otel: refusing the plaintext OTLP endpoint ${url.origin} (${where}${settings.insecure ? ', OTEL_EXPORTER_OTLP_INSECURE' : ''}): ` +
        'telemetry would leave the process unencrypted. Use an https:// endpoint with OTEL_EXPORTER_OTLP_CERTIFICATE ' +
        '(and a client certificate), or, for loopback development only, allow it explicitly with ' +
        'TELEGRAF_OTEL_ALLOW_INSECURE=true (option `allowInsecure: true`).',
    );
  }
  if (insecure && !isLoopback(url.hostname)) {
    throw new TelemetryConfigurationError(
      `telegraf-otel: a plaintext OTLP endpoint is only allowed on a loopback address, not ${url.hostname}. ` +
        'Use https:// with OTEL_EXPORTER_OTLP_CERTIFICATE.',
    );
  }
  if (!url.port) url.port = '4317';
  return { url, insecure };
}

/**
 * Merges explicit options over the environment, validates the result and decides the
 * destination. Throws {@link TelemetryConfigurationError} with a message naming the variable or
 * option to fix.
 */
export function resolveConfig(
  options: StartTelemetryOptions = {},
  env: Record<string, string | undefined> = process.env,
): ResolvedConfig {
  const { values, sources } = readEnvironment(env);
  const {
    diagLogger: _diagLogger,
    redactionPolicy: _policy,
    telegraf: _telegraf,
    ...explicit
  } = options;
  const merged: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(explicit)) {
    if (value === undefined) continue;
    merged[key] = value;
    delete sources[key as SettingName];
  }
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path[0] as SettingName;
      return `  - ${describeSource(name, sources)}: ${issue.message}`;
    });
    throw new TelemetryConfigurationError(
      `telegraf-otel: invalid configuration:\n${problems.join('\n')}`,
    );
  }
  const { headers, endpoint, insecure: _insecure, file, ...settings } = parsed.data;

  if ((settings.clientCertificate === undefined) !== (settings.clientKey === undefined)) {
    throw new TelemetryConfigurationError(
      'telegraf-otel: a client certificate needs its key: set both OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and ' +
        'OTEL_EXPORTER_OTLP_CLIENT_KEY (options `clientCertificate` and `clientKey`), or neither.',
    );
  }

  if (file !== undefined || endpoint === undefined) {
    return {
      ...settings,
      destination: {
        kind: 'file',
        path: resolve(file ?? DEFAULT_FILE),
        maxBytes: settings.fileMaxBytes,
        maxFiles: settings.fileMaxFiles,
      },
    };
  }

  const { url, insecure } = parseEndpoint(parsed.data, sources);
  const allHeaders = { ...headers };
  if (settings.bearerToken !== undefined)
    allHeaders.authorization = `Bearer ${settings.bearerToken}`;
  return {
    ...settings,
    destination: {
      kind: 'otlp',
      url,
      insecure,
      caCertificate: settings.caCertificate,
      clientCertificate: settings.clientCertificate,
      clientKey: settings.clientKey,
      headers: allHeaders,
      compression: settings.compression,
      timeoutMillis: settings.exportTimeoutMillis,
    },
  };
}
