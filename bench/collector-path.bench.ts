import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { startFakeBotApi } from '@telegraf-otel/demo-bot';
import { expect, it } from 'vitest';
import { textMessageUpdate } from '../test/support/bot-updates.js';
import { COLLECTOR_BINARY } from '../test/support/collector.js';
import { type CollectorStack, startCollectorStack } from '../test/support/collector-stack.js';
import { CANARIES } from '../test/support/e2e-canaries.js';
import type { OtlpGrpcReceiver } from '../test/support/otlp-grpc-receiver.js';
import { startTempoStandIn } from '../test/support/tempo-stand-in.js';

/**
 * Load benchmark of the whole path: a polling Telegraf bot (child process) answering a burst of
 * updates, bare vs. instrumented through `--import @telegraf-otel/sdk/register` → mTLS → the real
 * collector → Loki and Tempo stand-ins. Reports sustained updates/s of both variants (interleaved,
 * per-round ratio, median with min–max) and how many log records and update spans never arrived.
 *
 *   npx vitest run --config bench/vitest.config.ts   (after `npm run build` and `npm run collector:build`)
 *   BENCH_ROUNDS (5), BENCH_UPDATES (1000), BENCH_WARMUP (300) tune it.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 1000);
/** Updates answered before the clock starts, so each fresh process is measured warm. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const WORKER = fileURLToPath(new URL('./bot-worker.cjs', import.meta.url));
const SDK_DIST = fileURLToPath(new URL('../packages/sdk/dist/register.js', import.meta.url));

type Variant = 'bare' | 'instrumented';

interface RoundResult {
  variant: Variant;
  updatesPerSecond: number;
  /** Instrumented only: records emitted minus records delivered. */
  droppedLogs?: number;
  droppedSpans?: number;
}

const ready = existsSync(COLLECTOR_BINARY) && existsSync(SDK_DIST);
if (!ready) {
  console.warn('[bench] skipped: needs "npm run collector:build" (Go) and "npm run build" first');
}

it.runIf(ready)(
  'throughput of a bot through the SDK and the collector vs. a bare bot',
  async () => {
    const tempo = await startTempoStandIn();
    const stack = await startCollectorStack({ tempo: tempo.collectorOptions });
    const results: RoundResult[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Interleaved, alternating which variant goes first.
        const order: Variant[] =
          round % 2 === 0 ? ['bare', 'instrumented'] : ['instrumented', 'bare'];
        for (const variant of order)
          results.push(await runRound(stack, tempo.receiver, variant, `${round}-${variant}`));
      }
    } finally {
      await stack.close();
      await tempo.close();
    }
    report(results);
    expect(results).toHaveLength(ROUNDS * 2);
  },
);

async function runRound(
  stack: CollectorStack,
  tempo: OtlpGrpcReceiver,
  variant: Variant,
  runId: string,
): Promise<RoundResult> {
  const api = await startFakeBotApi();
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    BOT_TOKEN: CANARIES.botToken,
    BENCH_API_ROOT: api.apiRoot,
  };
  const args = [WORKER];
  if (variant === 'instrumented') {
    args.unshift('--import', '@telegraf-otel/sdk/register');
    Object.assign(env, {
      OTEL_SERVICE_NAME: 'bench-bot',
      OTEL_RESOURCE_ATTRIBUTES: `bench.run=${runId}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: stack.setup.otlpUrl,
      OTEL_EXPORTER_OTLP_CERTIFICATE: stack.certs.caCert,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: stack.certs.clientCert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: stack.certs.clientKey,
      TELEGRAF_OTEL_BEARER_TOKEN: stack.token,
      TELEGRAF_OTEL_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef-0123456789',
    });
  }
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const burst = (count: number) =>
    api.queueUpdates(
      ...Array.from({ length: count }, (_, index) => textMessageUpdate(`hello ${index}`)),
    );
  try {
    await api.waitForRequest('getUpdates');
    burst(WARMUP);
    await api.waitForRequest('sendMessage', undefined, WARMUP);
    const started = performance.now();
    burst(UPDATES);
    await api.waitForRequest('sendMessage', undefined, WARMUP + UPDATES);
    const seconds = (performance.now() - started) / 1000;
    child.kill('SIGTERM'); // the SDK flushes on SIGTERM
    await exited;
    const result: RoundResult = { variant, updatesPerSecond: UPDATES / seconds };
    if (variant === 'instrumented') {
      const delivered = await settledCounts(stack, tempo, runId);
      result.droppedLogs = WARMUP + UPDATES - delivered.logs;
      result.droppedSpans = WARMUP + UPDATES - delivered.spans;
    }
    return result;
  } finally {
    child.kill('SIGKILL');
    await api.close();
  }
}

/** Handled-update log records and update spans of one run, once the counts stop changing. */
async function settledCounts(stack: CollectorStack, tempo: OtlpGrpcReceiver, runId: string) {
  const count = () => ({
    logs: stack.loki.records.filter(
      (record) =>
        record.resource['bench.run'] === runId && record.eventName === 'telegram.update.handled',
    ).length,
    spans: tempo
      .spans()
      .filter(
        (span) => span.resource['bench.run'] === runId && span.name === 'telegram.update message',
      ).length,
  });
  let last = count();
  for (let stable = 0, waited = 0; stable < 4 && waited < 60; waited++) {
    await sleep(500);
    const now = count();
    stable = now.logs === last.logs && now.spans === last.spans ? stable + 1 : 0;
    last = now;
    if (last.logs === WARMUP + UPDATES && last.spans === WARMUP + UPDATES) break;
  }
  return last;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `median m (min a, max b)` of some values. */
function spread(values: number[], digits: number): string {
  const fmt = (value: number) => value.toFixed(digits);
  return `median ${fmt(median(values))} (min ${fmt(Math.min(...values))}, max ${fmt(Math.max(...values))})`;
}

function report(results: RoundResult[]): void {
  const of = (variant: Variant) => results.filter((result) => result.variant === variant);
  const bare = of('bare');
  const instrumented = of('instrumented');
  const rate = (rounds: RoundResult[]) => rounds.map((round) => round.updatesPerSecond);
  const ratios = bare.map(
    (round, index) => (instrumented[index]?.updatesPerSecond ?? 0) / round.updatesPerSecond,
  );
  const sum = (values: (number | undefined)[]) =>
    values.reduce<number>((total, value) => total + (value ?? 0), 0);
  const total = ROUNDS * (WARMUP + UPDATES);
  console.log(
    [
      `collector path: ${ROUNDS} interleaved rounds of ${UPDATES} updates after ${WARMUP} warm-up updates (polling bot, one reply each)`,
      `  bare bot       updates/s ${spread(rate(bare), 0)}`,
      `  SDK+collector  updates/s ${spread(rate(instrumented), 0)}`,
      `  throughput instrumented/bare per round: ${spread(ratios, 3)}`,
      `  dropped: ${sum(instrumented.map((round) => round.droppedLogs))} of ${total} handled-update log records, ` +
        `${sum(instrumented.map((round) => round.droppedSpans))} of ${total} update spans`,
    ].join('\n'),
  );
}
