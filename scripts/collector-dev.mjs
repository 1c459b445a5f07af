// `npm run collector:dev`: runs the locally built collector (collector/.build) with
// collector/config.yaml on loopback, with a development PKI and bearer token, and prints the
// variables that point a bot at it. Loki, Tempo and Prometheus are not started: the collector
// queues for them and retries (set LOKI_OTLP_ENDPOINT, TEMPO_OTLP_ENDPOINT and
// PROMETHEUS_OTLP_ENDPOINT to reach real ones).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COLLECTOR = join(ROOT, 'collector', '.build', 'otelcol-telegraf-otel');
const CONFIG = join(ROOT, 'collector', 'config.yaml');
const DEV_DIR = join(ROOT, '.telegraf-otel', 'collector-dev');
const PORT = process.env.OTELCOL_DEV_PORT ?? '4317';

if (!existsSync(COLLECTOR)) {
  console.error(
    'collector:dev: no built collector; build it first with `npm run collector:build` (needs Go).',
  );
  process.exit(1);
}

const { botEnvironment, collectorEnvironment, exportLines, generateDevCertificates } = await import(
  join(ROOT, 'packages', 'cli', 'dist', 'index.js')
);
const certs = join(DEV_DIR, 'certs');
// Kept between runs, so a bot configured once keeps working; delete the directory to renew.
const files = existsSync(join(certs, 'token'))
  ? {
      dir: certs,
      caCert: join(certs, 'ca.crt'),
      collectorCert: join(certs, 'collector.crt'),
      collectorKey: join(certs, 'collector.key'),
      clientCert: join(certs, 'client.crt'),
      clientKey: join(certs, 'client.key'),
      tokenFile: join(certs, 'token'),
    }
  : await generateDevCertificates(certs);

const loopback = {
  ...collectorEnvironment(files),
  OTELCOL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${PORT}`,
  OTELCOL_HEALTH_ENDPOINT: '127.0.0.1:13133',
  OTELCOL_METRICS_HOST: '127.0.0.1',
  OTELCOL_QUEUE_DIR: join(DEV_DIR, 'queue'),
  LOKI_TENANT: 'dev',
  LOKI_OTLP_ENDPOINT: 'http://127.0.0.1:3100/otlp',
  TEMPO_OTLP_ENDPOINT: '127.0.0.1:4327',
  PROMETHEUS_OTLP_ENDPOINT: 'https://127.0.0.1:9090/api/v1/otlp/v1/metrics',
  // The development CA and client certificate also serve the collector's own client side.
  PROMETHEUS_CA_FILE: files.caCert,
  PROMETHEUS_CLIENT_CERT_FILE: files.clientCert,
  PROMETHEUS_CLIENT_KEY_FILE: files.clientKey,
};
// The caller's environment wins, e.g. a real LOKI_OTLP_ENDPOINT.
const env = { ...loopback, ...process.env };

// Every variable the configuration requires (no default) must be set, whatever config.yaml adds.
const required = [...readFileSync(CONFIG, 'utf8').matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map(
  (m) => m[1],
);
const missing = [...new Set(required)].filter((name) => !env[name]);
if (missing.length > 0) {
  console.error(
    `collector:dev: collector/config.yaml also needs ${missing.join(', ')} (see collector/README.md).`,
  );
  process.exit(1);
}
mkdirSync(loopback.OTELCOL_QUEUE_DIR, { recursive: true, mode: 0o700 });

console.log(
  [
    `Starting the collector on 127.0.0.1:${PORT} (mTLS + bearer token), development PKI in ${certs}.`,
    "In the bot's shell:",
    ...exportLines(botEnvironment(files, `https://localhost:${PORT}`), files.tokenFile).map(
      (l) => `  ${l}`,
    ),
    '  npx @telegraf-otel/cli doctor',
    'Loki, Tempo and Prometheus are not started here: the collector queues and retries. Ctrl-C stops it.',
    '',
  ].join('\n'),
);
const collector = spawn(COLLECTOR, ['--config', CONFIG], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => collector.kill(signal));
collector.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
