// Cost of an app log record below TELEGRAF_OTEL_LOG_LEVEL (default `info`): `log.debug(…)` and
// `ctx.log.debug(…)` with structured details, against a call of an empty function with the same
// arguments, and against a record that passes the level (emitted into the real SDK pipeline:
// batch processor, redacting exporter, 0600 file; each burst is exported, untimed, before the next).
//
// One process, the variants take turns within each round (rotating order); reports the median
// ns/call of each variant and the median of the per-round ratios to the empty call, with min–max.
//
//   node bench/log-level.bench.mjs [--rounds N]   (after `npm run build`)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createLogger, logFor, startTelemetry } from '@telegraf-otel/sdk';

const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '9' } },
});
const rounds = Math.max(5, Number(args.rounds));
const FILTERED_CALLS = 2_000_000;
// Below the batch size, exported between rounds: the queue never fills, nothing is dropped.
const EMITTED_CALLS = 1_000;

const dir = await mkdtemp(join(tmpdir(), 'tgotel-bench-log-'));
const telemetry = startTelemetry({
  file: join(dir, 'telemetry.jsonl'),
  pseudonymKey: 'bench-pseudonym-key-0123456789abcdefghijklmnop',
  auditKey: 'bench-audit-key-0123456789abcdefghijklmnopqrstu',
  appLogLevel: 'info',
  scheduledDelayMillis: 20,
  handleSignals: false,
});
const log = createLogger('bench');
// The shape of a Telegraf context, as `ctx.log` sees it.
const ctxLog = logFor({ update: { update_id: 1, message: { text: 'hi' } }, telegram: {} });
let sink = 0;
function empty(message, details) {
  sink += message.length + (details === undefined ? 0 : 1);
}

const details = { orderId: 42, items: 3 };
const VARIANTS = {
  'empty call': [FILTERED_CALLS, () => empty('order placed', details)],
  'log.debug (filtered)': [FILTERED_CALLS, () => log.debug('order placed', details)],
  'ctx.log.debug (filtered)': [FILTERED_CALLS, () => ctxLog.debug('order placed', details)],
  'log.info (emitted)': [EMITTED_CALLS, () => log.info('order placed', details)],
};
const names = Object.keys(VARIANTS);

function measure([calls, fn]) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) fn();
  return Number(process.hrtime.bigint() - started) / calls;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

for (const name of names) measure(VARIANTS[name]); // warm-up
const samples = Object.fromEntries(names.map((name) => [name, []]));
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(round + i) % names.length];
    samples[name].push(measure(VARIANTS[name]));
    // Let the batch processor export what was emitted (untimed), as it does between bursts.
    await sleep(60);
  }
}
await telemetry.shutdown();
await rm(dir, { recursive: true, force: true });

console.log(
  `app log records, ${rounds} rounds (ns per call; ratio to an empty call, median [min–max])`,
);
const baseline = samples['empty call'];
for (const name of names) {
  const ratios = samples[name].map((ns, i) => ns / baseline[i]);
  console.log(
    `  ${name.padEnd(26)} ${median(samples[name]).toFixed(1).padStart(8)} ns  ×${median(ratios).toFixed(2)} [${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}]`,
  );
}
if (sink < 0) console.log(sink);
