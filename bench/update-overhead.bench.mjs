// Per-update overhead of telegraf-otel: a real Telegraf bot driven by `bot.handleUpdate(update)`,
// bare vs. instrumented the way a user gets it (`startTelemetry()` of @telegraf-otel/sdk: the
// instrumentation, keyed pseudonyms, batch processors, redacting exporters, the 0600 file
// destination). Two workloads: a no-op handler, and `ctx.reply()` through the fake Bot API.
//
// Each variant runs in its own long-lived child process, and the variants take turns: a round
// measures one short segment of each variant per workload, in a rotating order, so the variants
// of a round are measured within a second of each other on this noisy machine. Toggling
// enable()/disable() in one process would not be fair: startTelemetry() also installs an
// AsyncLocalStorage context manager and global providers that stay active (and slow every await)
// in the "bare" phase, and all phases would share one JIT and heap state.
//
// `hot-path` (diagnostic) has the instrumentation and the SDK providers but discards spans and
// log records: `sdk` minus `hot-path` is the cost of the export path (redaction is priced by the
// redaction package's own benchmark: production code has no switch that turns it off).
// `--profile` adds a CPU profile of one segment of `bare` and `sdk`, by component.
//
// Reports per workload the median µs/update of each variant and the median of the per-round
// ratios to `bare` with min–max; exits non-zero if an sdk run exported fewer spans or log records
// than it handled updates (a benchmark that silently drops telemetry would flatter it).
//
//   node bench/update-overhead.bench.mjs [--rounds N] [--profile]   (after `npm run build`)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareProfiles, summariseProfile } from './support/cpu-profile-summary.mjs';

const WORKER = fileURLToPath(new URL('./support/update-worker.mjs', import.meta.url));
const SEGMENT = {
  noop: Number(process.env.BENCH_NOOP_UPDATES ?? 3_000),
  reply: Number(process.env.BENCH_REPLY_UPDATES ?? 300),
};
const WORKLOADS = Object.keys(SEGMENT);
const TARGET_REPLY_RATIO = 1.1;

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '15' },
    profile: { type: 'boolean', default: false },
  },
});
const rounds = Math.max(5, Number(args.rounds));
const VARIANTS = ['bare', 'hot-path', 'sdk'];

/** A worker process of one variant, driven line by line (see support/update-worker.mjs). */
async function startWorker(variant, dir) {
  const child = spawn(process.execPath, [WORKER, variant, dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const read = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`the ${variant} worker exited early`);
    return JSON.parse(value);
  };
  const ask = (command) => {
    child.stdin.write(`${JSON.stringify(command)}\n`);
    return read();
  };
  await read(); // {"ready":true}
  return {
    ask,
    async finish() {
      const summary = await ask({ done: true });
      child.stdin.end(); // the worker's stdin reader keeps it alive until then
      await once(child, 'exit');
      return summary;
    },
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const fmt = (value, digits = 2) => value.toFixed(digits);

console.log(
  `update-overhead: bare Telegraf vs. startTelemetry() (file destination), ${rounds} rounds of ` +
    `${SEGMENT.noop} no-op / ${SEGMENT.reply} reply updates per variant, Node ${process.version}`,
);
const dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-update-bench-'));
let failed = false;
try {
  const workers = {};
  for (const variant of VARIANTS) workers[variant] = await startWorker(variant, join(dir, variant));

  const micros = Object.fromEntries(
    WORKLOADS.map((w) => [w, Object.fromEntries(VARIANTS.map((v) => [v, []]))]),
  );
  for (let round = 0; round < rounds; round++) {
    // Rotate the order, so no variant always runs first (or right after the same neighbour).
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    for (const workload of WORKLOADS) {
      for (const variant of order) {
        const { micros: value } = await workers[variant].ask({
          workload,
          updates: SEGMENT[workload],
        });
        micros[workload][variant].push(value);
      }
    }
    const line = WORKLOADS.map(
      (w) => `${w} ${VARIANTS.map((v) => fmt(micros[w][v][round])).join(' / ')} µs`,
    );
    console.log(`  round ${round + 1} (${VARIANTS.join(' / ')}): ${line.join('   ')}`);
  }

  console.log(
    '\nworkload  variant         median µs/update   ratio to bare: median (min–max)   added µs (median)',
  );
  for (const workload of WORKLOADS) {
    const bare = micros[workload].bare;
    console.log(`${workload.padEnd(9)} ${'bare'.padEnd(15)} ${fmt(median(bare)).padStart(16)}`);
    for (const variant of VARIANTS.slice(1)) {
      const values = micros[workload][variant];
      const ratios = values.map((value, i) => value / bare[i]);
      const added = values.map((value, i) => value - bare[i]);
      console.log(
        `${''.padEnd(9)} ${variant.padEnd(15)} ${fmt(median(values)).padStart(16)}   ` +
          `${`${fmt(median(ratios))}× (${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))})`.padEnd(32)} ` +
          `${fmt(median(added)).padStart(8)}`,
      );
      if (variant === 'sdk' && workload === 'reply' && median(ratios) > TARGET_REPLY_RATIO) {
        console.log(`${''.padEnd(25)}above the ${TARGET_REPLY_RATIO}× target for the reply path`);
      }
    }
  }

  if (args.profile) {
    for (const workload of WORKLOADS) {
      const profiles = {};
      for (const variant of ['bare', 'sdk']) {
        const file = join(dir, `${variant}-${workload}.cpuprofile`);
        // Longer than a measured segment: the profile's start and stop must not dominate it.
        await workers[variant].ask({ workload, updates: 5 * SEGMENT[workload], profile: file });
        profiles[variant] = await summariseProfile(file);
      }
      console.log(`\nCPU profile, ${workload} (sampling inflates absolute values):`);
      console.log(compareProfiles(profiles.bare, profiles.sdk));
    }
  }

  // Completeness: every handled update must have reached the file as one span and one log record.
  for (const variant of VARIANTS) {
    const { updates, exported } = await workers[variant].finish();
    if (exported && (exported.updateSpans !== updates || exported.updateLogs !== updates)) {
      failed = true;
      console.log(
        `${variant}: telemetry incomplete: ${exported.updateSpans} spans, ${exported.updateLogs} log records of ${updates} updates`,
      );
    } else if (exported) {
      console.log(
        `${variant}: all ${updates} updates reached the file (one span, one log record each)`,
      );
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
