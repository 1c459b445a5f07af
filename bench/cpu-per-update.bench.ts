import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { expect, it } from 'vitest';
import { createDevPki } from '../test/support/dev-pki.js';
import {
  type BotProcess,
  type SegmentResult,
  sdkBuilt,
  startBotProcess,
  type Telemetry,
  type Workload,
} from './support/bot-process.js';
import {
  compareProfiles,
  type ProfileSummary,
  summariseProfile,
} from './support/cpu-profile-summary.mjs';
import { describeMachine, loadAverage } from './support/machine.js';
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
import {
  formatRatio,
  formatSpread,
  roundDifferences,
  roundRatios,
  type Spread,
  spread,
} from './support/stats.js';

/**
 * Bot CPU per update: bare Telegraf vs. this project (startTelemetry(), OTLP/gRPC with mTLS and
 * its default compression, none) vs. the generic set-up (NodeSDK + auto-instrumentations-node +
 * OTLP/gRPC exporters, the same compression), both exporting to the same local OTLP receiver.
 * Each variant is its own long-lived bot process (bench/support/bot-process.cjs) measuring its own
 * CPU time; the fake Bot API and the receiver live in this process.
 *
 *   npx vitest run --config bench/vitest.config.ts bench/cpu-per-update.bench.ts   (after `npm run build`)
 *   BENCH_ROUNDS (12), BENCH_COMPRESSION (none), BENCH_QUICK=1 (3 short rounds, for development
 *   only), BENCH_PROFILE=1 (after the rounds, a CPU profile of one long segment per variant and
 *   workload, by component; BENCH_PROFILE_DIR keeps the .cpuprofile files for a closer look, e.g.
 *   in Chrome DevTools)
 */
const ROUNDS = roundCount(12);
const UPDATES = SEGMENT_UPDATES;
const PROFILE_UPDATES: Record<Workload, number> = { noop: 20_000, reply: 2_000 };
const WARMUP = WARMUP_UPDATES;
const VARIANTS: Telemetry[] = ['bare', 'telegraf-otel', 'sdk-floor', 'generic'];
const BOT_TOKEN = '123456789:AAHbenchTOKEN_cpu_per_update_0123456';
const PROFILE = process.env.BENCH_PROFILE === '1';

interface VariantFigures {
  cpuMicros: Spread;
  wallMicros: Spread;
  p50Micros: Spread;
  p999Micros: Spread;
  /** Per-round ratios and differences to bare in the same round. */
  cpuAddedMicros: Spread;
  cpuRatio: Spread;
  wallRatio: Spread;
  p50Ratio: Spread;
  p999Ratio: Spread;
}

interface WorkloadFigures {
  variants: Record<Telemetry, VariantFigures>;
  telegrafOtelCpuVsGeneric: Spread;
  /** telegraf-otel's own work: its CPU above the same records made by the bare SDK. */
  telegrafOtelCpuAboveFloor: Spread;
}

it.runIf(sdkBuilt())(
  'bot CPU per update: bare vs. telegraf-otel vs. the generic OpenTelemetry set-up',
  async () => {
    const loadAtStart = loadAverage();
    console.log(
      `cpu-per-update: ${ROUNDS} rounds of ${UPDATES.noop} no-op / ${UPDATES.reply} reply updates per variant\n  ${describeMachine()}`,
    );
    const pki = await createDevPki();
    const token = randomBytes(24).toString('base64url');
    const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls(), bearerToken: token });
    const api = await startFakeBotApi();
    const otlp = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_CERTIFICATE: pki.certs.caCert,
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.clientCert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.clientKey,
      // Matched: telegraf-otel's default (and the OpenTelemetry one); BENCH_COMPRESSION=gzip for both.
      OTEL_EXPORTER_OTLP_COMPRESSION: process.env.BENCH_COMPRESSION ?? 'none',
    };
    const bearer = { OTEL_EXPORTER_OTLP_HEADERS: `authorization=Bearer%20${token}` };
    const env: Record<Telemetry, Record<string, string>> = {
      bare: {},
      'telegraf-otel': {
        ...otlp,
        OTEL_SERVICE_NAME: 'bench-telegraf-otel',
        TELEGRAF_OTEL_BEARER_TOKEN: token,
        TELEGRAF_OTEL_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789-abcdefghijklmnop',
      },
      'sdk-floor': { ...otlp, ...bearer, OTEL_SERVICE_NAME: 'bench-sdk-floor' },
      generic: {
        ...otlp,
        ...bearer,
        OTEL_SERVICE_NAME: 'bench-generic',
        OTEL_METRICS_EXPORTER: 'none',
      },
    };
    const bots = {} as Record<Telemetry, BotProcess>;
    try {
      for (const telemetry of VARIANTS) {
        bots[telemetry] = await startBotProcess({
          telemetry,
          apiRoot: api.apiRoot,
          botToken: BOT_TOKEN,
          env: env[telemetry],
        });
      }
      const { rounds, loadPerRound } = await measureRounds({
        bots,
        variants: VARIANTS,
        workloads: WORKLOADS,
        updates: UPDATES,
        warmup: WARMUP,
        rounds: ROUNDS,
        afterRound: () => {
          api.requests.length = 0; // the fake API keeps every request; nothing here reads them
        },
      });
      const profiles = PROFILE
        ? await profileVariants(bots, process.env.BENCH_PROFILE_DIR ?? pki.dir)
        : undefined;
      const exported = await countExported(bots, receiver);
      const workloads = {
        noop: summarise(rounds, 'noop'),
        reply: summarise(rounds, 'reply'),
      };
      console.log(table(workloads, exported));
      await writeResults(
        'cpu-per-update',
        {
          rounds: ROUNDS,
          quick: QUICK,
          updatesPerSegment: UPDATES,
          loadAveragePerRound: loadPerRound,
          workloads,
          exported,
          profiles,
          raw: rounds,
        },
        loadAtStart,
      );
      // A variant that silently dropped telemetry would flatter itself.
      const own = exported['telegraf-otel'];
      expect({ spans: own.updateSpans, logs: own.updateLogs }).toEqual({
        spans: own.updates,
        logs: own.updates,
      });
    } finally {
      for (const bot of Object.values(bots)) bot.kill();
      await api.close();
      await receiver.close();
      await rm(pki.dir, { recursive: true, force: true });
    }
  },
);

/**
 * Where the time goes: a CPU profile of one long segment of each variant (the profiler's own
 * frames are left out), by component.
 */
async function profileVariants(bots: Record<Telemetry, BotProcess>, dir: string) {
  const tables: Record<string, string> = {};
  for (const workload of WORKLOADS) {
    const summaries = {} as Record<Telemetry, ProfileSummary>;
    for (const telemetry of VARIANTS) {
      const profile = join(dir, `${telemetry}-${workload}.cpuprofile`);
      await bots[telemetry].segment(workload, PROFILE_UPDATES[workload], { profile });
      summaries[telemetry] = await summariseProfile(profile);
    }
    for (const telemetry of VARIANTS.filter((v) => v !== 'bare')) {
      const table = compareProfiles(summaries.bare, summaries[telemetry]);
      tables[`${workload}/${telemetry}`] = table;
      console.log(
        `\nCPU profile, ${workload}, bare vs ${telemetry} (µs per update, main thread):\n${table}`,
      );
    }
  }
  return tables;
}

interface Exported {
  updates: number;
  spans: number;
  updateSpans: number;
  updateLogs: number;
}

/** What each variant's telemetry brought to the receiver, after its bot shut down (flushing). */
async function countExported(
  bots: Record<Telemetry, BotProcess>,
  receiver: OtlpGrpcReceiver,
): Promise<Record<Telemetry, Exported>> {
  const updates = {} as Record<Telemetry, number>;
  for (const telemetry of VARIANTS) updates[telemetry] = (await bots[telemetry].finish()).updates;
  const spans = receiver.spans();
  const logRecords = receiver.logRecords();
  const counts = {} as Record<Telemetry, Exported>;
  for (const telemetry of VARIANTS) {
    const ofVariant = (resource: Record<string, unknown>) =>
      resource['service.name'] === `bench-${telemetry}`;
    const own = spans.filter((span) => ofVariant(span.resource));
    counts[telemetry] = {
      updates: updates[telemetry],
      spans: own.length,
      updateSpans: own.filter((span) => span.name.startsWith('telegram.update')).length,
      updateLogs: logRecords.filter(
        (record) => ofVariant(record.resource) && record.eventName === 'telegram.update.handled',
      ).length,
    };
  }
  return counts;
}

function summarise(rounds: Rounds<Telemetry>, workload: Workload): WorkloadFigures {
  const of = (telemetry: Telemetry, key: keyof SegmentResult) =>
    field(rounds[workload][telemetry], key);
  const variants = {} as Record<Telemetry, VariantFigures>;
  for (const telemetry of VARIANTS) {
    const vsBare = (key: keyof SegmentResult) => roundRatios(of(telemetry, key), of('bare', key));
    variants[telemetry] = {
      cpuMicros: spread(of(telemetry, 'cpuMicros')),
      wallMicros: spread(of(telemetry, 'wallMicros')),
      p50Micros: spread(of(telemetry, 'p50Micros')),
      p999Micros: spread(of(telemetry, 'p999Micros')),
      cpuAddedMicros: roundDifferences(of(telemetry, 'cpuMicros'), of('bare', 'cpuMicros')),
      cpuRatio: vsBare('cpuMicros'),
      wallRatio: vsBare('wallMicros'),
      p50Ratio: vsBare('p50Micros'),
      p999Ratio: vsBare('p999Micros'),
    };
  }
  return {
    variants,
    telegrafOtelCpuVsGeneric: roundRatios(
      of('telegraf-otel', 'cpuMicros'),
      of('generic', 'cpuMicros'),
    ),
    telegrafOtelCpuAboveFloor: roundDifferences(
      of('telegraf-otel', 'cpuMicros'),
      of('sdk-floor', 'cpuMicros'),
    ),
  };
}

function table(
  workloads: Record<Workload, WorkloadFigures>,
  exported: Record<Telemetry, Exported>,
): string {
  const ratioColumns = ['cpuRatio', 'wallRatio', 'p50Ratio', 'p999Ratio'] as const;
  const lines = [
    '',
    'workload  variant        CPU µs/update        CPU vs bare          wall vs bare         p50 vs bare          p99.9 vs bare',
  ];
  for (const workload of WORKLOADS) {
    const { variants, telegrafOtelCpuVsGeneric, telegrafOtelCpuAboveFloor } = workloads[workload];
    for (const telemetry of VARIANTS) {
      const figures = variants[telemetry];
      const ratios = ratioColumns.map((key) =>
        (telemetry === 'bare' ? '' : formatRatio(figures[key])).padEnd(20),
      );
      lines.push(
        `${workload.padEnd(9)} ${telemetry.padEnd(14)} ${formatSpread(figures.cpuMicros).padEnd(20)} ${ratios.join(' ')}`,
      );
    }
    lines.push(
      `${''.padEnd(9)} telegraf-otel: CPU vs generic ${formatRatio(telegrafOtelCpuVsGeneric)}, ` +
        `added CPU vs bare ${formatSpread(variants['telegraf-otel'].cpuAddedMicros)} µs/update, ` +
        `above sdk-floor ${formatSpread(telegrafOtelCpuAboveFloor)} µs/update`,
    );
  }
  const own = exported['telegraf-otel'];
  const floor = exported['sdk-floor'];
  lines.push(
    `exported: telegraf-otel ${own.updateSpans} update spans and ${own.updateLogs} log records of ${own.updates} updates; ` +
      `sdk-floor ${floor.updateSpans} update spans and ${floor.updateLogs} log records; ` +
      `generic ${exported.generic.spans} spans (no Telegraf spans) of ${exported.generic.updates} updates`,
  );
  return lines.join('\n');
}
