import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createLogSender, type SenderCredentials } from '@telegraf-otel/test-utils/otlp-log-sender';
import {
  type CollectorSetup,
  prepareCollector,
  type RunningCollector,
  startCollector,
} from './collector.js';
import { createDevPki, type DevPki } from './dev-pki.js';
import { type LokiStandIn, startLokiStandIn } from './loki-stand-in.js';

/**
 * One end-to-end stand: development PKI, a Loki stand-in, and the real collector configured by
 * collector/config.yaml, all in a fresh temporary directory.
 */
export interface CollectorStack {
  dir: string;
  certs: DevPki['certs'];
  token: string;
  tenant: string;
  loki: LokiStandIn;
  setup: CollectorSetup;
  collector: RunningCollector;
  /** Credentials of the legitimate bot: its client certificate and the bearer token. */
  botCredentials: SenderCredentials;
  /** A raw OTLP log exporter to the collector (defaults to the bot's credentials). */
  sender(credentials?: SenderCredentials): ReturnType<typeof createLogSender>;
  /** Starts the collector again with the same ports and queue directory (after a crash: SIGKILL). */
  restartCollector(how?: 'stop' | 'crash'): Promise<RunningCollector>;
  close(): Promise<void>;
}

export interface CollectorStackOptions {
  /** Tempo's OTLP gRPC host:port and the CA of its certificate (TLS); default: an unused port. */
  tempo?: { endpoint: string; caFile?: string };
  env?: Record<string, string>;
  /** Config sources merged over collector/config.yaml (see CollectorOptions). */
  configOverrides?: string[];
}

export async function startCollectorStack(
  options: CollectorStackOptions = {},
): Promise<CollectorStack> {
  const { dir, certs } = await createDevPki();
  const token = randomBytes(32).toString('base64url');
  const tenant = 'telegram-bots';
  const loki = await startLokiStandIn({ tenant });
  const setup = await prepareCollector({
    workDir: dir,
    tls: { cert: certs.collectorCert, key: certs.collectorKey, clientCa: certs.caCert },
    token,
    lokiEndpoint: loki.endpoint,
    lokiTenant: tenant,
    tempoEndpoint: options.tempo?.endpoint ?? '127.0.0.1:9',
    tempoCaFile: options.tempo?.caFile,
    env: options.env,
    configOverrides: options.configOverrides,
  });
  const botCredentials: SenderCredentials = {
    ca: certs.caCert,
    cert: certs.clientCert,
    key: certs.clientKey,
    authorization: `Bearer ${token}`,
  };
  const senders: ReturnType<typeof createLogSender>[] = [];
  const stack: CollectorStack = {
    dir,
    certs,
    token,
    tenant,
    loki,
    setup,
    collector: await startCollector(setup),
    botCredentials,
    sender: (credentials = botCredentials) => {
      const sender = createLogSender(setup.otlpUrl, credentials);
      senders.push(sender);
      return sender;
    },
    restartCollector: async (how = 'stop') => {
      await (how === 'crash' ? stack.collector.kill() : stack.collector.stop());
      stack.collector = await startCollector(setup);
      return stack.collector;
    },
    close: async () => {
      await Promise.all(senders.map((sender) => sender.shutdown()));
      await stack.collector.stop();
      await loki.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return stack;
}
