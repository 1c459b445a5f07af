import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { type ConfigurationProblem, TelemetryConfigurationError } from './configuration-error.js';
import { readEnvironment } from './environment.js';
import type { StartTelemetryOptions } from './options.js';
import { type SettingName, type Settings, settingsSchema } from './settings-schema.js';
import {
  describeUnknownSetting,
  findUnknownSettings,
  type UnknownSetting,
} from './unknown-settings.js';

type Sources = Partial<Record<SettingName, string>>;

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
  /** Where each setting came from: the environment variable, or `option \`name\``. */
  sources: Sources;
  /** Misspelled or unknown settings, ignored (a configuration error in strict mode). */
  unknownSettings: UnknownSetting[];
};

/** Where telemetry goes when neither an endpoint nor a file is configured. */
export const DEFAULT_FILE = '.telegraf-otel/telemetry.jsonl';
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_NAMES.has(hostname) || (isIP(hostname) === 4 && hostname.startsWith('127.'));
}

function describeSource(name: SettingName, sources: Sources): string {
  return sources[name] ?? `option \`${name}\``;
}

function parseEndpoint(
  settings: Settings,
  sources: Sources,
): { url: URL; insecure: boolean } | ConfigurationProblem {
  const raw = settings.endpoint as string;
  const setting = describeSource('endpoint', sources);
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return {
      setting,
      message: `${JSON.stringify(raw)} is not a valid URL; expected https://host:4317`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      setting,
      message: `the scheme ${url.protocol} is not supported; use https://host:4317 (OTLP over gRPC with TLS)`,
    };
  }
  const insecure = url.protocol === 'http:' || settings.insecure;
  if (insecure && !settings.allowInsecure) {
    return {
      setting: settings.insecure ? `${setting}, OTEL_EXPORTER_OTLP_INSECURE` : setting,
      message:
        `refusing the plaintext OTLP endpoint ${url.origin}: telemetry would leave the process unencrypted. ` +
        'Use an https:// endpoint with OTEL_EXPORTER_OTLP_CERTIFICATE (and a client certificate), or, for ' +
        'loopback development only, allow it explicitly with TELEGRAF_OTEL_ALLOW_INSECURE=true (option `allowInsecure: true`)',
    };
  }
  if (insecure && !isLoopback(url.hostname)) {
    return {
      setting,
      message: `a plaintext OTLP endpoint is only allowed on a loopback address, not ${url.hostname}; use https:// with OTEL_EXPORTER_OTLP_CERTIFICATE`,
    };
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
    exporters: _exporters,
    redactionPolicy: _policy,
    telegraf: _telegraf,
    ...explicit
  } = options;
  const merged: Record<string, unknown> = { ...values };
  for (const [key, value] of Object.entries(explicit)) {
    if (value === undefined) continue;
    merged[key] = value;
    sources[key as SettingName] = `option \`${key}\``;
  }
  const unknownSettings = findUnknownSettings(options, env);
  const parsed = settingsSchema.safeParse(merged);
  if (!parsed.success) {
    throw new TelemetryConfigurationError(
      parsed.error.issues.map((issue) => ({
        setting: describeSource(issue.path[0] as SettingName, sources),
        message: issue.message,
      })),
    );
  }
  const { headers, endpoint, insecure: _insecure, file, ...settings } = parsed.data;
  const problems: ConfigurationProblem[] = [];
  if (settings.strict) {
    // A misspelled TELEGRAF_OTEL_SECRETS leaves a secret unmasked: strict mode refuses it.
    for (const unknown of unknownSettings)
      problems.push({ setting: unknown.setting, message: describeUnknownSetting(unknown) });
  }
  if ((settings.clientCertificate === undefined) !== (settings.clientKey === undefined)) {
    problems.push({
      setting: 'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE, OTEL_EXPORTER_OTLP_CLIENT_KEY',
      message:
        'a client certificate needs its key: set both (options `clientCertificate` and `clientKey`), or neither',
    });
  }
  const endpointResult =
    file === undefined && endpoint !== undefined ? parseEndpoint(parsed.data, sources) : undefined;
  if (endpointResult && 'setting' in endpointResult) problems.push(endpointResult);
  if (problems.length > 0) throw new TelemetryConfigurationError(problems);

  if (endpointResult === undefined) {
    return {
      ...settings,
      sources,
      unknownSettings,
      destination: {
        kind: 'file',
        path: resolve(file ?? DEFAULT_FILE),
        maxBytes: settings.fileMaxBytes,
        maxFiles: settings.fileMaxFiles,
      },
    };
  }

  const { url, insecure } = endpointResult as { url: URL; insecure: boolean };
  const allHeaders = { ...headers };
  if (settings.bearerToken !== undefined)
    allHeaders.authorization = `Bearer ${settings.bearerToken}`;
  return {
    ...settings,
    sources,
    unknownSettings,
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
