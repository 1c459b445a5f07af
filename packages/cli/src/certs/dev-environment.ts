import type { DevCertificateFiles } from './generate-dev-certificates.js';

/** Variables that point a bot at a collector using a development set. */
export function botEnvironment(
  files: DevCertificateFiles,
  endpoint = 'https://localhost:4317',
): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_CERTIFICATE: files.caCert,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: files.clientCert,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: files.clientKey,
  };
}

/** Variables of collector/config.yaml that name the set's files (see collector/README.md). */
export function collectorEnvironment(files: DevCertificateFiles): Record<string, string> {
  return {
    OTELCOL_TLS_CERT_FILE: files.collectorCert,
    OTELCOL_TLS_KEY_FILE: files.collectorKey,
    OTELCOL_TLS_CLIENT_CA_FILE: files.caCert,
    OTELCOL_INGEST_TOKEN_FILE: files.tokenFile,
  };
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** `export NAME=value` lines a POSIX shell can paste; the bearer token is read from its file, never printed. */
export function exportLines(variables: Record<string, string>, tokenFile?: string): string[] {
  const lines = Object.entries(variables).map(
    ([name, value]) => `export ${name}=${shellQuote(value)}`,
  );
  if (tokenFile) lines.push(`export TELEGRAF_OTEL_BEARER_TOKEN="$(cat ${shellQuote(tokenFile)})"`);
  return lines;
}
