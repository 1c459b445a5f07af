import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@telegraf-otel/test-utils/free-port';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { describeWithBuilt } from './describe-with-built.js';

/** The distribution `npm run collector:build` builds from collector/manifest.yaml. */
export const COLLECTOR_BINARY = fileURLToPath(
  new URL('../../collector/.build/otelcol-telegraf-otel', import.meta.url),
);
/** The one configuration file docker-compose and the tests share. */
export const COLLECTOR_CONFIG = fileURLToPath(
  new URL('../../collector/config.yaml', import.meta.url),
);

/**
 * `describe` for suites that need the real collector. Built → runs. Missing and
 * TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 (CI) → fails. Missing otherwise → skips with one line.
 */
export function describeWithCollector(name: string, body: () => void): void {
  describeWithBuilt(
    name,
    [COLLECTOR_BINARY],
    'build it with "npm run collector:build" (needs Go)',
    body,
  );
}

export interface CollectorOptions {
  /** Directory for the token file and the persistent queue (file_storage). */
  workDir: string;
  /** PEM files of the receiver's TLS: server certificate and key, and the CA client certificates must chain to. */
  tls: { cert: string; key: string; clientCa: string };
  /** The bearer token the receiver accepts. */
  token: string;
  /** Loki's OTLP base URL (the exporter appends /v1/logs), e.g. http://127.0.0.1:3100/otlp. */
  lokiEndpoint: string;
  lokiTenant: string;
  /** Tempo's OTLP gRPC host:port. */
  tempoEndpoint: string;
  /** CA of Tempo's server certificate; without it the exporter talks plaintext to Tempo. */
  tempoCaFile?: string;
  /**
   * Prometheus' OTLP receiver and the collector's client certificate for it; default: an unused
   * port (the span metrics are then made but cannot be delivered).
   */
  prometheus?: { endpoint: string; caFile: string; certFile: string; keyFile: string };
  /** Extra or overriding environment variables for collector/config.yaml. */
  env?: Record<string, string>;
  /**
   * Config sources merged over collector/config.yaml (e.g. `yaml:service::pipelines::…`): control
   * runs that switch one protection off.
   */
  configOverrides?: string[];
}

/** Everything a collector process needs; reusable across restarts (same ports, same queue on disk). */
export interface CollectorSetup {
  env: Record<string, string>;
  /** gRPC endpoint for OTLP exporters (TLS). */
  otlpUrl: string;
  healthUrl: string;
  metricsUrl: string;
  /** host:port of the collector's own metrics, for a Prometheus scrape target. */
  metricsAddress: string;
  queueDir: string;
  configOverrides: string[];
}

/** Fast retries so fault tests take seconds; everything else stays as in config.yaml. */
const TEST_TIMINGS = {
  OTELCOL_RETRY_INITIAL_INTERVAL: '100ms',
  OTELCOL_RETRY_MAX_INTERVAL: '500ms',
  OTELCOL_BATCH_FLUSH_TIMEOUT: '100ms',
  OTELCOL_EXPORT_TIMEOUT: '3s',
  OTELCOL_SPAN_METRICS_FLUSH_INTERVAL: '1s',
};

export async function prepareCollector(options: CollectorOptions): Promise<CollectorSetup> {
  const queueDir = join(options.workDir, 'queue');
  await mkdir(queueDir, { recursive: true, mode: 0o700 });
  const tokenFile = join(options.workDir, 'ingest-token');
  // No trailing newline: the token file holds exactly the token.
  await writeFile(tokenFile, options.token, { mode: 0o600 });
  const [grpcPort, healthPort, metricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env: Record<string, string> = {
    OTELCOL_OTLP_GRPC_ENDPOINT: `127.0.0.1:${grpcPort}`,
    OTELCOL_HEALTH_ENDPOINT: `127.0.0.1:${healthPort}`,
    OTELCOL_METRICS_HOST: '127.0.0.1',
    OTELCOL_METRICS_PORT: String(metricsPort),
    OTELCOL_TLS_CERT_FILE: options.tls.cert,
    OTELCOL_TLS_KEY_FILE: options.tls.key,
    OTELCOL_TLS_CLIENT_CA_FILE: options.tls.clientCa,
    OTELCOL_INGEST_TOKEN_FILE: tokenFile,
    OTELCOL_QUEUE_DIR: queueDir,
    OTELCOL_MEMORY_LIMIT_MIB: '256',
    OTELCOL_MEMORY_SPIKE_LIMIT_MIB: '64',
    LOKI_OTLP_ENDPOINT: options.lokiEndpoint,
    LOKI_TENANT: options.lokiTenant,
    TEMPO_OTLP_ENDPOINT: options.tempoEndpoint,
    TEMPO_INSECURE: options.tempoCaFile ? 'false' : 'true',
    TEMPO_CA_FILE: options.tempoCaFile ?? '',
    PROMETHEUS_OTLP_ENDPOINT:
      options.prometheus?.endpoint ?? 'https://127.0.0.1:9/api/v1/otlp/v1/metrics',
    PROMETHEUS_CA_FILE: options.prometheus?.caFile ?? '',
    PROMETHEUS_CLIENT_CERT_FILE: options.prometheus?.certFile ?? '',
    PROMETHEUS_CLIENT_KEY_FILE: options.prometheus?.keyFile ?? '',
    ...TEST_TIMINGS,
    ...options.env,
  };
  return {
    env,
    otlpUrl: `https://127.0.0.1:${grpcPort}`,
    healthUrl: `http://127.0.0.1:${healthPort}/`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    metricsAddress: `127.0.0.1:${metricsPort}`,
    queueDir,
    configOverrides: options.configOverrides ?? [],
  };
}

export interface RunningCollector {
  setup: CollectorSetup;
  /** What the collector wrote so far (its own JSON logs), for failure messages. */
  output(): string;
  /** Sum of all samples of one Prometheus metric of the collector's own telemetry. */
  metric(name: string, labelFilter?: string): Promise<number>;
  /** SIGTERM, wait for a clean exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
  /** SIGKILL: a crash, no chance to flush anything. */
  kill(): Promise<void>;
}

/** Starts the built collector with collector/config.yaml and waits until health_check reports ready. */
export async function startCollector(setup: CollectorSetup): Promise<RunningCollector> {
  const configs = [COLLECTOR_CONFIG, ...setup.configOverrides].flatMap((c) => ['--config', c]);
  const child = spawn(COLLECTOR_BINARY, configs, {
    env: { PATH: process.env.PATH ?? '', ...setup.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const tail = () => `collector output:\n${output.slice(-6000)}`;

  await waitFor(
    'the collector health check',
    async () => {
      if (exitCode !== undefined) throw new Error(`collector exited with ${exitCode}`);
      const response = await fetch(setup.healthUrl);
      return response.ok;
    },
    { timeoutMs: 30_000, describe: tail },
  ).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });

  return {
    setup,
    output: () => output,
    metric: async (name, labelFilter) =>
      sumMetric(await (await fetch(setup.metricsUrl)).text(), name, labelFilter),
    stop: () => stopChild(child, exited),
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function sumMetric(text: string, name: string, labelFilter?: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (labelFilter && !line.includes(labelFilter)) continue;
    sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Runs the built collector with `args` (e.g. `components`) and the given environment. */
export function runCollectorCommand(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      COLLECTOR_BINARY,
      args,
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** `otelcol validate --config collector/config.yaml` with the given environment. */
export function validateCollectorConfig(
  env: Record<string, string>,
): Promise<{ exitCode: number; output: string }> {
  return runCollectorCommand(['validate', '--config', COLLECTOR_CONFIG], env);
}
