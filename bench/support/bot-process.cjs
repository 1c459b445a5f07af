// The bot under measurement: one long-lived process per variant, driven over IPC by a benchmark,
// measuring its own CPU time (process.cpuUsage: every thread of the process, so gzip and TLS work
// on libuv's pool count too) and each update's wall time. The fake Bot API, the OTLP receiver or
// collector run in other processes, so only the bot's own work is charged.
//
// BENCH_TELEMETRY chooses what starts before Telegraf is loaded:
//   bare           nothing
//   telegraf-otel  startTelemetry() of @telegraf-otel/sdk configured by the environment, exactly
//                  what `--import @telegraf-otel/sdk/register` does (here for its handle: drops)
//   sdk-floor      sdk-floor.cjs (telegraf-otel's records made by the bare OpenTelemetry SDK)
//   generic        generic-otel.cjs (NodeSDK + auto-instrumentations + OTLP gRPC exporters)
//
// Messages (each answered with one process.send):
//   {workload: 'noop'|'reply', updates: n, flush?: true}
//       → {cpuMicros, wallMicros, p50Micros, p999Micros} per update; with `flush` (default) the
//         batch processors are flushed every FLUSH_EVERY updates and at the end, inside the
//         measured window: each variant pays for its own serialisation and export, never during
//         another's segment, and a fast no-op burst cannot outrun the export and overflow the
//         queue (a real bot's processors export every 512 records or every second)
//       with `profile: <file>` also writes a CPU profile of the segment (main thread only: gzip
//       on libuv's pool is in the CPU time but not in the profile)
//   {memory: true}  → process.memoryUsage() after a full GC (needs --expose-gc)
//   {done: true}    → shuts telemetry down, answers {updates, dropped}, and exits
const TOKEN = process.env.BOT_TOKEN;
const telemetry = startVariant(process.env.BENCH_TELEMETRY);
const { Telegraf } = require('telegraf');
const { logs, trace } = require('@opentelemetry/api');
const {
  createBots,
  createUpdateSource,
  flushTelemetry,
  startProfiler,
} = require('./bench-bot.cjs');

// A real bot's updates arrive as I/O callbacks; a tight microtask loop of no-op updates would
// never let the batch processors' timers run. Yield every few updates, in every variant.
const YIELD_EVERY = 16;
const FLUSH_EVERY = 1_000;
const bots = createBots(Telegraf, TOKEN, process.env.BENCH_API_ROOT);
const updateSource = createUpdateSource();

const flush = () => flushTelemetry({ logs, trace });

/** Nearest-rank percentile of sorted values. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function segment({ workload, updates, flush: flushAtEnd = true, profile }) {
  const bot = bots[workload];
  const profiler = profile ? await startProfiler() : undefined;
  const latencies = new Float64Array(updates);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < updates; i++) {
    const at = performance.now();
    await bot.handleUpdate(updateSource.next());
    latencies[i] = performance.now() - at;
    if (i % YIELD_EVERY === 0) await new Promise(setImmediate);
    if (flushAtEnd && i % FLUSH_EVERY === FLUSH_EVERY - 1) await flush();
  }
  if (flushAtEnd) await flush();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await profiler?.stop(profile, updates);
  latencies.sort();
  return {
    cpuMicros: (cpu.user + cpu.system) / updates,
    wallMicros: (wall * 1000) / updates,
    p50Micros: percentile(latencies, 50) * 1000,
    p999Micros: percentile(latencies, 99.9) * 1000,
  };
}

function memory() {
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

process.on('message', async (command) => {
  if (command.done) {
    await telemetry?.shutdown();
    process.send({ updates: updateSource.sent(), dropped: telemetry?.dropped() }, () =>
      process.disconnect(),
    );
    return;
  }
  process.send(command.memory ? memory() : await segment(command));
});
process.send({ ready: true });

function startVariant(name) {
  if (name === 'telegraf-otel')
    return require('@telegraf-otel/sdk').startTelemetry({ handleSignals: false });
  if (name === 'sdk-floor') return require('./sdk-floor.cjs');
  if (name === 'generic') return require('./generic-otel.cjs');
  if (name === 'bare') return undefined;
  throw new Error(`unknown BENCH_TELEMETRY ${name}`);
}
