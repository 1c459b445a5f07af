import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChainReport,
  readAuditRecords,
  resolveConfig,
  type StartTelemetryOptions,
  startTelemetry,
  type TelemetryHandle,
  verifyAuditChain,
} from '@telegraf-otel/sdk';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { findCanaries } from './leak-check.js';
import { readTelemetryFile, type TelemetryFile } from './telemetry-file.js';
import { type Canary, createTrafficMix } from './traffic.js';

export interface DemoOptions {
  /** File destination; without it (and without an OTLP endpoint) the SDK's default file. */
  file?: string;
  /** Keep sending a fresh traffic mix every `intervalMillis` until `signal` aborts. */
  continuous?: boolean;
  intervalMillis?: number;
  signal?: AbortSignal;
  /** More options for startTelemetry() (they win over the demo's). */
  telemetry?: StartTelemetryOptions;
  /** Starts the telemetry; default the SDK's startTelemetry (the leak test's control passes its own). */
  startTelemetry?: (options: StartTelemetryOptions) => TelemetryHandle;
}

export interface DemoResult {
  updates: number;
  /** Every planted secret: the traffic's canaries and the pseudonym key. */
  canaries: Canary[];
  /** Positive control: the traffic canaries that reached the (fake) Bot API in the bot's requests. */
  seenByBotApi: Canary[];
  trafficCanaries: number;
  /** Telemetry that never reached its destination (dropped, or still in flight when the flush timed out). */
  undelivered: { spans: number; logRecords: number; flushTimedOut: boolean };
  /** Only for the file destination. */
  file?: TelemetryFile;
  /** The audit trail's hash chain, verified as `telegraf-otel audit verify` does (file only). */
  audit?: ChainReport;
  leaked: Canary[];
}

const HANDLED_TIMEOUT_MILLIS = 30_000;

/** A realistic fake token (`<bot id>:AAH…`, 32 characters of base64url after AAH). */
function fakeBotToken(): string {
  return `${randomInt(100_000_000, 999_999_999)}:AAH${randomBytes(24).toString('base64url')}`;
}

/** Resolves once the bot confirmed (offset past) every update up to `lastId`: all were handled. */
async function handled(api: FakeBotApi, lastId: number): Promise<void> {
  const confirmed = api.waitForRequest('getUpdates', (r) => Number(r.payload.offset) > lastId);
  const timeout = sleep(HANDLED_TIMEOUT_MILLIS, undefined, { ref: false }).then(() => {
    throw new Error(`the demo bot did not handle its updates within ${HANDLED_TIMEOUT_MILLIS} ms`);
  });
  await Promise.race([confirmed, timeout]);
}

function env(name: string): string | undefined {
  return process.env[name] || undefined;
}

/** Waits, or returns early when `signal` aborts. */
async function pause(millis: number, signal: AbortSignal | undefined): Promise<void> {
  await sleep(millis, undefined, { signal }).catch(() => {});
}

/**
 * Runs the demo end to end without Docker: telemetry through `startTelemetry()`, the fake Bot
 * API on loopback, the demo bot polling it, a traffic mix full of personal data and the bot
 * token; then shuts telemetry down and scans what was exported for every planted secret.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const token = fakeBotToken();
  // The standard variables still win (the compose stack sets them); these are the demo's defaults.
  const pseudonymKey = env('TELEGRAF_OTEL_PSEUDONYM_KEY') ?? randomBytes(48).toString('base64');
  const auditKey = env('TELEGRAF_OTEL_AUDIT_KEY') ?? randomBytes(48).toString('base64');
  const telemetryOptions: StartTelemetryOptions = {
    serviceName: env('OTEL_SERVICE_NAME') ? undefined : 'telegraf-otel-demo',
    environment: env('TELEGRAF_OTEL_ENVIRONMENT') ? undefined : 'demo',
    scheduledDelayMillis: env('OTEL_BSP_SCHEDULE_DELAY') ? undefined : 200,
    file: options.file,
    pseudonymKey,
    auditKey,
    handleSignals: false,
    ...options.telemetry,
  };
  const { destination } = resolveConfig(telemetryOptions);
  const telemetry = (options.startTelemetry ?? startTelemetry)(telemetryOptions);
  const api = await startFakeBotApi();
  // Imported only now: the instrumentation patches Telegraf as it is required.
  const { createDemoBot } = await import('./demo-bot.js');

  const planted = new Map<string, Canary>();
  const adminIds: number[] = [];
  let updates = 0;
  const bot = createDemoBot({ token, apiRoot: api.apiRoot, adminIds });
  let launched: Promise<void> | undefined;
  try {
    do {
      const mix = createTrafficMix({ botToken: token });
      adminIds.push(mix.adminId);
      for (const canary of mix.canaries) planted.set(canary.value, canary);
      const ids = api.queueUpdates(...mix.updates);
      updates += ids.length;
      launched ??= bot.launch();
      await Promise.race([
        handled(api, Math.max(...ids)),
        launched.then(() => {
          throw new Error('the demo bot stopped before it handled its updates');
        }),
      ]);
      if (options.continuous) await pause(options.intervalMillis ?? 5_000, options.signal);
    } while (options.continuous && !options.signal?.aborted);
  } finally {
    if (launched) {
      try {
        bot.stop('demo finished');
      } catch {
        // launch() failed already: nothing is running, and its error is what the caller sees.
      }
      await launched.catch(() => {});
    }
    await telemetry.shutdown();
    await api.close();
  }

  const undelivered = telemetry.dropped();
  const trafficCanaries = [...planted.values()];
  const canaries = [
    ...trafficCanaries,
    { kind: 'pseudonym key', value: pseudonymKey },
    { kind: 'audit key', value: auditKey },
  ];
  const delivery = {
    updates,
    canaries,
    seenByBotApi: findCanaries(JSON.stringify(api.requests), trafficCanaries),
    trafficCanaries: trafficCanaries.length,
    undelivered,
  };
  if (destination.kind !== 'file') return { ...delivery, leaked: [] };
  const file = await readTelemetryFile(destination.path);
  return {
    ...delivery,
    file,
    audit: verifyAuditChain(await readAuditRecords(file.paths), auditKey),
    leaked: findCanaries(file.text, canaries),
  };
}
