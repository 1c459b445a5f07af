import { TelemetryConfigurationError } from '../config/configuration-error.js';
import { resolveConfig } from '../config/resolve-config.js';
import { describeUnknownSetting, findUnknownSettings } from '../config/unknown-settings.js';
import { SecureFileWriter } from '../file/secure-file-writer.js';
import { checkExport } from './check-export.js';
import { checkHandshake } from './check-handshake.js';
import { checkReachable } from './check-reachable.js';
import { checkTlsFiles } from './check-tls-files.js';
import { error, type Finding, ok, warn } from './finding.js';

export interface DoctorReport {
  findings: Finding[];
  /** True when telemetry would flow with this configuration. */
  healthy: boolean;
}

function report(findings: Finding[]): DoctorReport {
  return { findings, healthy: !findings.some((f) => f.level === 'error') };
}

/**
 * Reads the configuration exactly as startTelemetry() does (environment only), then checks the
 * destination: the file's directory, or the TLS files, the handshake and a test export.
 */
export async function runDoctor(
  env: Record<string, string | undefined> = process.env,
  timeoutMillis = 5000,
): Promise<DoctorReport> {
  const findings: Finding[] = [];
  // Listed whatever else is wrong: a misspelled TELEGRAF_OTEL_SECRETS leaves a secret unmasked.
  const unknownSettings = findUnknownSettings({}, env);
  for (const unknown of unknownSettings) {
    findings.push(
      error(
        describeUnknownSetting(unknown),
        unknown.suggestion ? `Rename it to ${unknown.suggestion}.` : 'Remove it.',
      ),
    );
  }
  let config: ReturnType<typeof resolveConfig>;
  try {
    config = resolveConfig({}, env);
  } catch (e) {
    if (!(e instanceof TelemetryConfigurationError)) throw e;
    // The same problems that make startTelemetry() disable telemetry (or fail, in strict mode);
    // unknown settings (problems in strict mode) are listed above already.
    const listed = new Set(unknownSettings.map((u) => u.setting));
    for (const problem of e.problems)
      if (!listed.has(problem.setting))
        findings.push(error(`${problem.setting}: ${problem.message}`));
    return report(findings);
  }
  if (unknownSettings.length === 0) findings.push(ok('configuration is valid'));
  if (!config.pseudonymKey) {
    findings.push(
      warn(
        'TELEGRAF_OTEL_PSEUDONYM_KEY is not set: pseudonyms change on every restart',
        'Set a secret of at least 32 bytes (`openssl rand -base64 48`).',
      ),
    );
  }

  const { destination } = config;
  if (destination.kind === 'file') {
    try {
      new SecureFileWriter(destination.path, {
        maxBytes: destination.maxBytes,
        maxFiles: destination.maxFiles,
      }).close();
      findings.push(
        ok(
          `telemetry is written to the private file ${destination.path} (${config.sources.file ?? 'no OTEL_EXPORTER_OTLP_ENDPOINT set'})`,
        ),
      );
    } catch (e) {
      findings.push(
        error(
          `the telemetry file ${destination.path} is unusable: ${(e as Error).message.replace(/^telegraf-otel: /, '')}`,
          'Choose a private directory for TELEGRAF_OTEL_FILE.',
        ),
      );
    }
    return report(findings);
  }

  if (destination.insecure) {
    findings.push(
      warn(
        `plaintext export to ${destination.url.origin} (allowed by TELEGRAF_OTEL_ALLOW_INSECURE)`,
        'Use TLS outside local development.',
      ),
    );
    const reachable = await checkReachable(destination, timeoutMillis);
    findings.push(reachable);
    if (reachable.level === 'error') return report(findings);
    findings.push(...(await checkExport(config, { ...destination, timeoutMillis })));
    return report(findings);
  }
  const files = checkTlsFiles(destination, findings);
  if (!files.usable) return report(findings);
  const handshake = await checkHandshake(destination, timeoutMillis);
  findings.push(handshake);
  if (handshake.level === 'error') return report(findings);
  findings.push(...(await checkExport(config, { ...destination, timeoutMillis })));
  return report(findings);
}
