import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@telegraf-otel/test-utils/free-port';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { parse, stringify } from 'yaml';

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** What `npm run prometheus:build` builds from the Go module at the release docker-compose.yml pins. */
export const PROMETHEUS_BINARY = repoFile('prometheus/.build/prometheus');
export const PROMTOOL_BINARY = repoFile('prometheus/.build/promtool');
export const PROMETHEUS_CONFIG = repoFile('prometheus/prometheus.yml');
export const PROMETHEUS_WEB_CONFIG = repoFile('prometheus/web.yml');
export const PROMETHEUS_HEALTHCHECK_CONFIG = repoFile('prometheus/healthcheck.yml');
export const COMPOSE_FILE = repoFile('docker-compose.yml');

/** TLS material of Prometheus' listener and of one client (the collector, Grafana, a test). */
export interface PrometheusTls {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface PrometheusOptions {
  workDir: string;
  tls: PrometheusTls;
  /** host:port of the collector's own metrics (the `otelcol` scrape job). */
  collectorMetrics: string;
  /** Scrape interval of the test (compose scrapes every 15 s). */
  scrapeInterval?: string;
}

export interface RunningPrometheus {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Base URL of the OTLP receiver for the collector's exporter. */
  otlpMetricsEndpoint: string;
  /** Instant query (at `at`, default now); the result vector. */
  query(promql: string, at?: Date): Promise<PromSample[]>;
  /** Label values (`/api/v1/series`) of every series a selector matches. */
  series(selector: string): Promise<Record<string, string>[]>;
  output(): string;
  stop(): Promise<void>;
}

export interface PromSample {
  metric: Record<string, string>;
  value: number;
}

/**
 * The Prometheus command line of docker-compose.yml's `prometheus` service, with the container
 * paths and the listen address replaced by the test's: the flags under test are compose's own.
 */
export function composePrometheusFlags(replace: {
  config: string;
  webConfig: string;
  dataDir: string;
  listen: string;
}): string[] {
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'));
  const command: string[] = compose.services.prometheus.command;
  return command.map((flag) => {
    const [name] = flag.split('=', 1);
    switch (name) {
      case '--config.file':
        return `--config.file=${replace.config}`;
      case '--web.config.file':
        return `--web.config.file=${replace.webConfig}`;
      case '--storage.tsdb.path':
        return `--storage.tsdb.path=${replace.dataDir}`;
      case '--web.listen-address':
        return `--web.listen-address=${replace.listen}`;
      default:
        return flag;
    }
  });
}

/** prometheus/web.yml with its credential paths pointing at the test's files. */
export function webConfigFor(tls: PrometheusTls): string {
  const web = parse(readFileSync(PROMETHEUS_WEB_CONFIG, 'utf8'));
  web.tls_server_config.cert_file = tls.serverCert;
  web.tls_server_config.key_file = tls.serverKey;
  web.tls_server_config.client_ca_file = tls.ca;
  return stringify(web);
}

/** prometheus/prometheus.yml scraping the test collector instead of the compose service name. */
export function prometheusConfigFor(collectorMetrics: string, scrapeInterval?: string): string {
  const config = parse(readFileSync(PROMETHEUS_CONFIG, 'utf8'));
  for (const job of config.scrape_configs) {
    if (job.job_name === 'otelcol') job.static_configs = [{ targets: [collectorMetrics] }];
    if (scrapeInterval) job.scrape_interval = scrapeInterval;
  }
  if (scrapeInterval) {
    config.global.scrape_interval = scrapeInterval;
    config.global.scrape_timeout = scrapeInterval;
  }
  return stringify(config);
}

export async function startPrometheus(options: PrometheusOptions): Promise<RunningPrometheus> {
  const dir = join(options.workDir, 'prometheus');
  await mkdir(join(dir, 'data'), { recursive: true, mode: 0o700 });
  const configFile = join(dir, 'prometheus.yml');
  const webConfigFile = join(dir, 'web.yml');
  await writeFile(
    configFile,
    prometheusConfigFor(options.collectorMetrics, options.scrapeInterval),
  );
  await writeFile(webConfigFile, webConfigFor(options.tls));
  const port = await freePort();
  const child = spawn(
    PROMETHEUS_BINARY,
    composePrometheusFlags({
      config: configFile,
      webConfig: webConfigFile,
      dataDir: join(dir, 'data'),
      listen: `127.0.0.1:${port}`,
    }),
    { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `https://127.0.0.1:${port}`;
  const client = createPrometheusClient(url, options.tls);
  await waitFor(
    'Prometheus to be ready',
    async () => (await client.get('/-/ready')).status === 200,
    {
      timeoutMs: 60_000,
      describe: () => output.slice(-4000),
    },
  ).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  return {
    url,
    otlpMetricsEndpoint: `${url}/api/v1/otlp/v1/metrics`,
    query: async (promql, at) => {
      const params = new URLSearchParams({ query: promql });
      if (at) params.set('time', String(at.getTime() / 1000));
      const body = await client.getJson(`/api/v1/query?${params}`);
      const data = body.data as { resultType: string; result: unknown };
      if (data.resultType === 'scalar') {
        const [, value] = data.result as [number, string];
        return [{ metric: {}, value: Number(value) }];
      }
      return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map(
        (sample) => ({ metric: sample.metric, value: Number(sample.value[1]) }),
      );
    },
    series: async (selector) => {
      const body = await client.getJson(`/api/v1/series?match[]=${encodeURIComponent(selector)}`);
      return body.data as Record<string, string>[];
    },
    output: () => output,
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

interface PrometheusClient {
  get(path: string): Promise<{ status: number; body: string }>;
  getJson(path: string): Promise<Record<string, unknown>>;
}

/** An HTTPS client presenting a client certificate, as every client of the stack's Prometheus must. */
export function createPrometheusClient(
  url: string,
  tls: Pick<PrometheusTls, 'ca' | 'clientCert' | 'clientKey'> | undefined,
): PrometheusClient {
  const get = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${url}${path}`,
        {
          ca: tls ? readFileSync(tls.ca) : undefined,
          cert: tls ? readFileSync(tls.clientCert) : undefined,
          key: tls ? readFileSync(tls.clientKey) : undefined,
          servername: 'prometheus',
          timeout: 10_000,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
      req.on('error', reject);
      req.end();
    });
  return {
    get,
    getJson: async (path) => {
      const { status, body } = await get(path);
      if (status !== 200) throw new Error(`GET ${path}: HTTP ${status} ${body.slice(0, 500)}`);
      return JSON.parse(body) as Record<string, unknown>;
    },
  };
}
