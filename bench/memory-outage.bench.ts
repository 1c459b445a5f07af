import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_CONTENT_LIMITS } from '@telegraf-otel/redaction';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { expect, it } from 'vitest';
import { COLLECTOR_BINARY, startCollector } from '../test/support/collector.js';
import { startCollectorStack } from '../test/support/collector-stack.js';
import { startTempoStandIn } from '../test/support/tempo-stand-in.js';
import { type BotProcess, sdkBuilt, startBotProcess } from './support/bot-process.js';
import { botTelemetryEnv } from './support/collector-env.js';
import { describeMachine, loadAverage } from './support/machine.js';
import { writeResults } from './support/results.js';
import { QUICK } from './support/rounds.js';
import { median } from './support/stats.js';

/**
 * Memory while the collector is unreachable: a bot with this project's SDK answers a steady
 * stream of updates; the real collector is stopped for OUTAGE seconds, then started again on the
 * same address. The bot's heap (after a full GC) and RSS are sampled every second. Two bounds
 * hold what cannot be exported: the batch queues (TELEGRAF_OTEL_MAX_QUEUE_SIZE records per
 * signal, plus one export batch in flight) and the redaction's content registry (values of
 * traces not yet exported, up to its byte and trace limits). The heap must stay below their sum
 * plus the records' own size, and come back once the collector is back.
 *
 *   npx vitest run --config bench/vitest.config.ts bench/memory-outage.bench.ts
 *   (after `npm run build` and `npm run collector:build`); BENCH_QUICK=1: a 15 s outage
 */
const PHASE_SECONDS = QUICK
  ? { before: 8, outage: 15, after: 10 }
  : { before: 15, outage: 60, after: 30 };
const UPDATES_PER_SECOND = 200;
const TICK_MS = 250;
const MAX_QUEUE_SIZE = 2048;
/** The SDK's export batch: at most this many records per signal are in flight besides the queue. */
const EXPORT_BATCH = 512;
const MIB = 1024 * 1024;
const BOT_TOKEN = '123456789:AAHbenchTOKEN_memory_outage_01234567';

type Phase = keyof typeof PHASE_SECONDS;
interface Sample {
  phase: Phase;
  second: number;
  heapUsed: number;
  rss: number;
}

const ready = existsSync(COLLECTOR_BINARY) && sdkBuilt();

it.runIf(ready)('bot memory stays bounded while the collector is unreachable', async () => {
  const loadAtStart = loadAverage();
  console.log(
    `memory-outage: ${UPDATES_PER_SECOND} replies/s; ${PHASE_SECONDS.before} s collector up, ${PHASE_SECONDS.outage} s down, ` +
      `${PHASE_SECONDS.after} s up again; queue bound ${MAX_QUEUE_SIZE} records per signal\n  ${describeMachine()}`,
  );
  const tempo = await startTempoStandIn();
  const stack = await startCollectorStack({ tempo: tempo.collectorOptions });
  const api = await startFakeBotApi();
  let bot: BotProcess | undefined;
  try {
    bot = await startBotProcess({
      telemetry: 'telegraf-otel',
      apiRoot: api.apiRoot,
      botToken: BOT_TOKEN,
      nodeArgs: ['--expose-gc'],
      env: { ...botTelemetryEnv(stack), TELEGRAF_OTEL_MAX_QUEUE_SIZE: String(MAX_QUEUE_SIZE) },
    });
    await bot.segment('reply', 500); // warm-up
    const samples: Sample[] = [];
    const traffic = steadyTraffic(bot, samples, () => {
      api.requests.length = 0;
    });
    await traffic('before', PHASE_SECONDS.before);
    await stack.collector.stop();
    await traffic('outage', PHASE_SECONDS.outage);
    stack.collector = await startCollector(stack.setup);
    await traffic('after', PHASE_SECONDS.after);
    const { updates, dropped } = await bot.finish();
    bot = undefined;

    const figures = analyse(samples);
    const report = {
      quick: QUICK,
      phaseSeconds: PHASE_SECONDS,
      updatesPerSecond: UPDATES_PER_SECOND,
      queueBound: {
        maxQueueSizePerSignal: MAX_QUEUE_SIZE,
        exportBatchInFlightPerSignal: EXPORT_BATCH,
        recordsHeldAtMost: 2 * (MAX_QUEUE_SIZE + EXPORT_BATCH),
        contentRegistry: DEFAULT_CONTENT_LIMITS,
      },
      ...figures,
      handledUpdates: updates,
      droppedBySdk: dropped,
      samples,
    };
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
    console.log(
      [
        `heap after GC: before ${mib(figures.heap.before)}, outage peak ${mib(figures.heap.outagePeak)} ` +
          `(+${mib(figures.heap.outagePeak - figures.heap.before)} for at most ${report.queueBound.recordsHeldAtMost} held records, ` +
          `${Math.round((figures.heap.outagePeak - figures.heap.before) / report.queueBound.recordsHeldAtMost)} bytes each), after ${mib(figures.heap.after)}`,
        `  bounds: ${report.queueBound.recordsHeldAtMost} records in the queues and in flight, content registry ${mib(DEFAULT_CONTENT_LIMITS.maxBytes)} / ${DEFAULT_CONTENT_LIMITS.maxTraces} traces; ` +
          `last third of the outage peaked at ${mib(figures.heap.outageLastThirdPeak)}, the middle third at ${mib(figures.heap.outageMiddleThirdPeak)}`,
        `RSS: before ${mib(figures.rss.before)}, outage peak ${mib(figures.rss.outagePeak)}, after ${mib(figures.rss.after)}`,
        `dropped by the SDK during the outage: ${dropped?.spans} spans, ${dropped?.logRecords} log records of ${updates} updates (two spans per reply: the update and its sendMessage call)`,
      ].join('\n'),
    );
    await writeResults('memory-outage', report, loadAtStart);
    // Bounded: the growth fits the content registry's byte limit plus the held records (at the
    // size measured here, a few KiB each, generously 8 KiB) …
    expect(figures.heap.outagePeak - figures.heap.before).toBeLessThanOrEqual(
      DEFAULT_CONTENT_LIMITS.maxBytes + report.queueBound.recordsHeldAtMost * 8 * 1024,
    );
    // … and what was held is released once the collector takes telemetry again.
    expect(figures.heap.after).toBeLessThanOrEqual(figures.heap.before + 2 * MIB);
  } finally {
    bot?.kill();
    await api.close();
    await stack.close();
    await tempo.close();
  }
});

/** Replies at UPDATES_PER_SECOND in ticks, sampling memory once a second, for one phase. */
function steadyTraffic(bot: BotProcess, samples: Sample[], afterSecond: () => void) {
  const perTick = (UPDATES_PER_SECOND * TICK_MS) / 1000;
  const ticksPerSecond = 1000 / TICK_MS;
  return async (phase: Phase, seconds: number) => {
    for (let second = 0; second < seconds; second++) {
      for (let tick = 0; tick < ticksPerSecond; tick++) {
        const started = performance.now();
        // No flush: the batch processors export on their own schedule, as in a running bot.
        await bot.segment('reply', perTick, { flush: false });
        await sleep(Math.max(0, TICK_MS - (performance.now() - started)));
      }
      samples.push({ phase, second, ...(await bot.memory()) });
      afterSecond();
    }
  };
}

function analyse(samples: Sample[]) {
  const of = (phase: Phase) => samples.filter((sample) => sample.phase === phase);
  const secondHalf = (list: Sample[]) => list.slice(Math.floor(list.length / 2));
  const outage = of('outage');
  const third = Math.floor(outage.length / 3);
  const peak = (list: Sample[], key: 'heapUsed' | 'rss') =>
    Math.max(...list.map((sample) => sample[key]));
  const settled = (list: Sample[], key: 'heapUsed' | 'rss') =>
    median(secondHalf(list).map((sample) => sample[key]));
  return {
    heap: {
      before: settled(of('before'), 'heapUsed'),
      outagePeak: peak(outage, 'heapUsed'),
      outageMiddleThirdPeak: peak(outage.slice(third, 2 * third), 'heapUsed'),
      outageLastThirdPeak: peak(outage.slice(2 * third), 'heapUsed'),
      after: settled(of('after'), 'heapUsed'),
    },
    rss: {
      before: settled(of('before'), 'rss'),
      outagePeak: peak(outage, 'rss'),
      after: settled(of('after'), 'rss'),
    },
  };
}
