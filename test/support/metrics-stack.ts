import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CertificateSetFiles, issueCertificateSet } from '@telegraf-otel/cli';
import { textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { STACK_LEAVES } from '../../scripts/stack/stack-pki.ts';
import {
  COLLECTOR_BINARY,
  type CollectorSetup,
  prepareCollector,
  type RunningCollector,
  startCollector,
} from './collector.js';
import { describeWithBuilt } from './describe-with-built.js';
import { type LokiStandIn, startLokiStandIn } from './loki-stand-in.js';
import {
  PROMETHEUS_BINARY,
  PROMTOOL_BINARY,
  type PromSample,
  type RunningPrometheus,
  startPrometheus,
} from './prometheus.js';
import { startTempoStandIn, type TempoStandIn } from './tempo-stand-in.js';

const SCENARIO_BOT = fileURLToPath(new URL('./fixtures/scenario-bot.mjs', import.meta.url));
/** `describe` for suites that need the real collector AND the real Prometheus (see describeWithBuilt). */
export function describeWithMetricsStack(name: string, body: () => void): void {
  describeWithBuilt(
    name,
    [COLLECTOR_BINARY, PROMETHEUS_BINARY, PROMTOOL_BINARY],
    'build them with "npm run collector:build" and "npm run prometheus:build" (needs Go)',
    body,
  );
}

/** A scenario bot: its own process, service name and fake Bot API (to inject Bot API failures). */
export interface ScenarioBot {
  serviceName: string;
  api: FakeBotApi;
  /** Sends text messages (commands like `/fail` or plain text) and waits until the bot fetched them. */
  send(...texts: string[]): Promise<void>;
  /** Stops the bot (SIGTERM): it flushes its telemetry and exits. */
  stop(): Promise<void>;
}

export interface ScenarioBotOptions {
  serviceName: string;
  environment?: string;
  /** Extra environment variables for the bot process (e.g. TELEGRAF_OTEL_MAX_QUEUE_SIZE). */
  env?: Record<string, string>;
  /** User id of the messages (the bot pseudonymises it). */
  userId?: number;
}

export interface MetricsStack {
  dir: string;
  pki: CertificateSetFiles;
  token: string;
  loki: LokiStandIn;
  tempo: TempoStandIn;
  setup: CollectorSetup;
  collector: RunningCollector;
  prometheus: RunningPrometheus;
  query(promql: string): Promise<PromSample[]>;
  /** Polls an instant query until `accept` holds for its result. */
  waitForQuery(
    promql: string,
    accept: (samples: PromSample[]) => boolean,
    timeoutMs?: number,
  ): Promise<PromSample[]>;
  startBot(options: ScenarioBotOptions): Promise<ScenarioBot>;
  close(): Promise<void>;
}

function leafFiles(pki: CertificateSetFiles, name: string): { cert: string; key: string } {
  const files = pki.leaves[name];
  if (!files) throw new Error(`the stack PKI has no ${name} certificate`);
  return files;
}

/**
 * The metrics path of docker-compose.yml, on loopback: the stack's PKI (scripts/stack/stack-pki.ts),
 * the real collector with collector/config.yaml, a real Prometheus with prometheus/*.yml and
 * compose's command line, Loki and Tempo stand-ins, and a fake Bot API for scenario bots.
 */
export async function startMetricsStack(
  options: { collectorEnv?: Record<string, string> } = {},
): Promise<MetricsStack> {
  const dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-metrics-'));
  const pki = await issueCertificateSet(join(dir, 'pki'), {
    caName: 'metrics e2e CA',
    leaves: STACK_LEAVES,
    validityDays: 2,
  });
  const token = randomBytes(32).toString('base64url');
  const loki = await startLokiStandIn({ tenant: 'telegram-bots' });
  const tempo = await startTempoStandIn();
  const collectorLeaf = leafFiles(pki, 'collector');
  const collectorClient = leafFiles(pki, 'collector-client');
  const prometheusLeaf = leafFiles(pki, 'prometheus');
  // Grafana's client certificate queries Prometheus, as the provisioned datasource does.
  const grafanaLeaf = leafFiles(pki, 'grafana');

  // The collector must know Prometheus' port and Prometheus the collector's: ports first, then start both.
  const setup = await prepareCollector({
    workDir: dir,
    tls: { cert: collectorLeaf.cert, key: collectorLeaf.key, clientCa: pki.caCert },
    token,
    lokiEndpoint: loki.endpoint,
    lokiTenant: 'telegram-bots',
    tempoEndpoint: tempo.collectorOptions.endpoint,
    tempoCaFile: tempo.collectorOptions.caFile,
    env: options.collectorEnv,
  });
  const prometheus = await startPrometheus({
    workDir: dir,
    tls: {
      ca: pki.caCert,
      serverCert: prometheusLeaf.cert,
      serverKey: prometheusLeaf.key,
      clientCert: grafanaLeaf.cert,
      clientKey: grafanaLeaf.key,
    },
    collectorMetrics: setup.metricsAddress,
    scrapeInterval: '1s',
  });
  Object.assign(setup.env, {
    PROMETHEUS_OTLP_ENDPOINT: prometheus.otlpMetricsEndpoint,
    PROMETHEUS_CA_FILE: pki.caCert,
    PROMETHEUS_CLIENT_CERT_FILE: collectorClient.cert,
    PROMETHEUS_CLIENT_KEY_FILE: collectorClient.key,
  });
  const collector = await startCollector(setup);
  const bots = new Map<ChildProcess, FakeBotApi>();
  const botLeaf = leafFiles(pki, 'bot');

  const stack: MetricsStack = {
    dir,
    pki,
    token,
    loki,
    tempo,
    setup,
    collector,
    prometheus,
    query: (promql) => prometheus.query(promql),
    waitForQuery: (promql, accept, timeoutMs = 30_000) =>
      waitFor(
        `Prometheus to answer ${promql} as expected`,
        async () => {
          const samples = await prometheus.query(promql);
          return accept(samples) ? samples : undefined;
        },
        {
          timeoutMs,
          intervalMs: 250,
          describe: () =>
            `collector:\n${collector.output().slice(-3000)}\nprometheus:\n${prometheus.output().slice(-2000)}`,
        },
      ),
    startBot: async (options) => {
      const api = await startFakeBotApi({ maxLongPollMs: 50 });
      const botToken = `${100_000 + bots.size}:AA${randomBytes(24).toString('base64url')}`;
      const child = fork(SCENARIO_BOT, [], {
        env: {
          PATH: process.env.PATH ?? '',
          BOT_TOKEN: botToken,
          SCENARIO_API_ROOT: api.apiRoot,
          OTEL_SERVICE_NAME: options.serviceName,
          TELEGRAF_OTEL_ENVIRONMENT: options.environment ?? 'e2e',
          OTEL_EXPORTER_OTLP_ENDPOINT: setup.otlpUrl,
          OTEL_EXPORTER_OTLP_CERTIFICATE: pki.caCert,
          OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: botLeaf.cert,
          OTEL_EXPORTER_OTLP_CLIENT_KEY: botLeaf.key,
          TELEGRAF_OTEL_BEARER_TOKEN: token,
          TELEGRAF_OTEL_PSEUDONYM_KEY: 'metrics-e2e-pseudonym-key-0123456789abcdef',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      let output = '';
      const append = (chunk: Buffer) => {
        output += chunk.toString('utf8');
      };
      child.stdout?.on('data', append);
      child.stderr?.on('data', append);
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      bots.set(child, api);
      await waitFor(
        `scenario bot ${options.serviceName} to poll`,
        () => child.exitCode === null && api.requests.some((r) => r.method === 'getUpdates'),
        { timeoutMs: 30_000, describe: () => output },
      );
      return {
        serviceName: options.serviceName,
        api,
        send: async (...texts) => {
          const ids = api.queueUpdates(
            ...texts.map((text) => textMessage(text, { userId: options.userId })),
          );
          const last = Math.max(...ids);
          // Telegraf asks for the next updates only after handling these: an offset past the last
          // id means every handler has finished (or failed).
          await waitFor(
            `${options.serviceName} to handle ${texts.length} messages`,
            () =>
              api.requests.some(
                (r) => r.method === 'getUpdates' && Number(r.payload.offset) > last,
              ),
            { timeoutMs: 60_000, describe: () => output },
          );
        },
        stop: async () => {
          child.kill('SIGTERM');
          const code = await exited;
          bots.delete(child);
          await api.close();
          if (code !== 0) throw new Error(`scenario bot exited with ${code}:\n${output}`);
        },
      };
    },
    close: async () => {
      for (const [bot, api] of bots) {
        bot.kill('SIGKILL');
        await api.close();
      }
      await collector.stop();
      await prometheus.stop();
      await loki.stop();
      await tempo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
