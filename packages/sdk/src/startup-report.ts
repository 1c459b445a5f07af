import type { StartTelemetryOptions } from './config/options.js';
import type { ResolvedConfig } from './config/resolve-config.js';

function describeDestination({ destination }: ResolvedConfig): string {
  if (destination.kind === 'file') return `the private file ${destination.path}`;
  const protection = destination.insecure
    ? ['PLAINTEXT']
    : [
        'TLS',
        ...(destination.clientCertificate ? ['client certificate'] : []),
        ...(destination.headers.authorization ? ['bearer token'] : []),
      ];
  return `${destination.url.origin} (${protection.join(', ')})`;
}

/** Where each signal goes: the destination, or the exporters the app injected. */
function describeTargets(
  config: ResolvedConfig,
  injected: StartTelemetryOptions['exporters'],
): string {
  if (injected?.spans && injected.logs) return 'the injected exporters';
  if (injected?.spans) return `the injected span exporter, logs to ${describeDestination(config)}`;
  if (injected?.logs) return `the injected log exporter, spans to ${describeDestination(config)}`;
  return describeDestination(config);
}

/** The settings that registered a known secret, by name: never a value. */
function secretNames(config: ResolvedConfig): string[] {
  const { sources } = config;
  const names: string[] = [];
  if (config.botToken) names.push(sources.botToken ?? 'botToken');
  names.push(
    config.pseudonymKey ? (sources.pseudonymKey ?? 'pseudonymKey') : 'a random pseudonym key',
  );
  if (config.bearerToken) names.push(sources.bearerToken ?? 'bearerToken');
  if (config.secrets.length > 0)
    names.push(`${sources.secrets ?? 'secrets'} (${config.secrets.length})`);
  return names;
}

/** The one start-up line: where telemetry goes and which secrets are masked, by name. */
export function startupLine(
  config: ResolvedConfig,
  notes: readonly string[],
  injected?: StartTelemetryOptions['exporters'],
): string {
  return (
    `telegraf-otel: telemetry to ${describeTargets(config, injected)}; known secrets: ` +
    `${secretNames(config).join(', ')}, and every bot token Telegraf uses` +
    notes.map((note) => `; ${note}`).join('')
  );
}
