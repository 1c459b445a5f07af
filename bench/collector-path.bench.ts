import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import type { OtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { expect, it } from 'vitest';
import { COLLECTOR_BINARY } from '../test/support/collector.js';
import { type CollectorStack, startCollectorStack } from '../test/support/collector-stack.js';
import { startTempoStandIn } from '../test/support/tempo-stand-in.js';
import {
  type BotProcess,
  sdkBuilt,
  startBotProcess,
  type Telemetry,
  type Workload,
} from './support/bot-process.js';
import { botTelemetryEnv } from './support/collector-env.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { pinThisProcess } from './support/pin.js';
import { writeResults } from './support/results.js';
import {
  field,
  measureRounds,
  QUICK,
  type Rounds,
  roundCount,
  SEGMENT_UPDATES,
  WARMUP_UPDATES,
  WORKLOADS,
} from './support/rounds.js';
import { formatRatio, formatSpread, roundRatios, spread } from './support/stats.js';

/**
 * The whole path: bot → mTLS + bearer token → the real collector (collector/config.yaml) → Loki
 * and Tempo stand-ins. Bot CPU per update (measured inside the bot, bench/support/bot-process.cjs),
 * bare vs. this project, interleaved rounds, and how many update spans and handled-update log
 * records arrived at the stand-ins. The bot runs on core 0, the collector and this driver on
 * core 1 (taskset), so the collector's work does not steal the bot's core.
 *
 *   npx vitest run --config bench/vitest.config.ts bench/collector-path.bench.ts
 *   (after `npm run build` and `npm run collector:build`); BENCH_ROUNDS (10), BENCH_QUICK=1
 */
const ROUNDS = roundCount(10);
const SEGMENT = SEGMENT_UPDATES;
const WARMUP = WARMUP_UPDATES;
const VARIANTS: Telemetry[] = ['bare', 'telegraf-otel'];
const BOT_TOKEN = '123456789:AAHbenchTOKEN_collector_path_0123456';
const BOT_CORE = 0;
const COLLECTOR_CORE = 1;

const ready = existsSync(COLLECTOR_BINARY) && sdkBuilt();
if (!ready) console.warn('[bench] skipped: needs "npm run collector:build" and "npm run build"');

it.runIf(ready)('bot CPU per update through the real collector, and what arrived', async () => {
  const loadAtStart = loadAverage();
  const pinned = pinThisProcess(COLLECTOR_CORE);
  console.log(
    `collector-path: ${ROUNDS} rounds of ${SEGMENT.noop} no-op / ${SEGMENT.reply} reply updates per variant; ` +
      `${pinned ? `bot on core ${BOT_CORE}, collector on core ${COLLECTOR_CORE}` : 'not pinned (no taskset)'}\n  ${describeMachine()}`,
  );
  const tempo = await startTempoStandIn();
  const stack = await startCollectorStack({ tempo: tempo.collectorOptions });
  const api = await startFakeBotApi();
  const bots = {} as Record<Telemetry, BotProcess>;
  try {
    for (const telemetry of VARIANTS) {
      bots[telemetry] = await startBotProcess({
        telemetry,
        apiRoot: api.apiRoot,
        botToken: BOT_TOKEN,
        core: BOT_CORE,
        env: telemetry === 'bare' ? {} : botTelemetryEnv(stack),
      });
    }
    const { rounds, loadPerRound } = await measureRounds({
      bots,
      variants: VARIANTS,
      workloads: WORKLOADS,
      updates: SEGMENT,
      warmup: WARMUP,
      rounds: ROUNDS,
      afterRound: () => {
        api.requests.length = 0;
      },
    });
    const { updates, dropped } = await bots['telegraf-otel'].finish();
    const delivered = await settledCounts(stack, tempo.receiver, updates);
    const figures = {
      rounds: ROUNDS,
      quick: QUICK,
      pinned,
      updatesPerSegment: SEGMENT,
      loadAveragePerRound: loadPerRound,
      workloads: { noop: cpuFigures(rounds, 'noop'), reply: cpuFigures(rounds, 'reply') },
      handledUpdates: updates,
      delivered,
      droppedAtDestination: {
        spans: updates - delivered.spans,
        logRecords: updates - delivered.logRecords,
      },
      droppedBySdk: dropped,
      raw: rounds,
    };
    for (const workload of WORKLOADS) {
      const w = figures.workloads[workload];
      console.log(
        `${workload.padEnd(6)} bot CPU µs/update: bare ${formatSpread(w.bareCpuMicros)}, telegraf-otel ${formatSpread(w.telegrafOtelCpuMicros)}; ratio ${formatRatio(w.cpuRatio)}`,
      );
    }
    console.log(
      `delivered of ${updates} handled updates: ${delivered.spans} update spans (Tempo), ${delivered.logRecords} log records (Loki); ` +
        `the SDK reports ${dropped?.spans ?? '?'} spans and ${dropped?.logRecords ?? '?'} log records dropped`,
    );
    await writeResults('collector-path', figures, loadAtStart);
    expect(delivered).toEqual({ spans: updates, logRecords: updates });
  } finally {
    for (const bot of Object.values(bots)) bot.kill();
    await api.close();
    await stack.close();
    await tempo.close();
  }
});

function cpuFigures(rounds: Rounds<Telemetry>, workload: Workload) {
  const cpu = (telemetry: Telemetry) => field(rounds[workload][telemetry], 'cpuMicros');
  return {
    bareCpuMicros: spread(cpu('bare')),
    telegrafOtelCpuMicros: spread(cpu('telegraf-otel')),
    cpuRatio: roundRatios(cpu('telegraf-otel'), cpu('bare')),
  };
}

/** Update spans at Tempo and handled-update log records at Loki, once complete or no longer changing. */
async function settledCounts(stack: CollectorStack, tempo: OtlpGrpcReceiver, expected: number) {
  const count = () => ({
    spans: tempo
      .spans()
      .filter((span) => span.resource['service.name'] === 'bench-telegraf-otel')
      .filter((span) => span.name.startsWith('telegram.update')).length,
    logRecords: stack.loki.records.filter(
      (record) =>
        record.resource['service.name'] === 'bench-telegraf-otel' &&
        record.eventName === 'telegram.update.handled',
    ).length,
  });
  let last = count();
  // The collector batches and retries for a few seconds; stop when complete or stable for 3 s.
  for (let stable = 0; stable < 6 && !(last.spans === expected && last.logRecords === expected); ) {
    await sleep(500);
    const now = count();
    stable = now.spans === last.spans && now.logRecords === last.logRecords ? stable + 1 : 0;
    last = now;
  }
  return last;
}
