// One variant of the per-update overhead benchmark, in its own long-lived process (see
// update-overhead.bench.mjs for why). It sets the variant up, warms both workloads up, prints
// `{"ready":true}`, then runs one measured segment per command line read from stdin:
//   {"workload":"noop","updates":4000}            → {"micros":<µs per update>}
//   {"workload":"reply","updates":400,"profile":"<file>"}  (also writes a CPU profile of it)
//   {"done":true}  → shuts telemetry down, prints {"updates":n,"exported":{…}} and exits.
//
// The fake Bot API runs in this process: every µs of telemetry work then lies on the measured
// path, instead of hiding in the idle time while the bot waits for another process to answer.
// Each segment ends with a flush of the telemetry providers, inside the timed window, so a
// variant's export work is charged to its own segment and never runs during another's.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import bench from './bench-bot.cjs';

const { createBots, createUpdateSource, flushTelemetry, startProfiler } = bench;

const [variant, dir] = process.argv.slice(2);
const TOKEN = '123456789:AAHbenchTOKEN_update_overhead_01234';
const PSEUDONYM_KEY = 'bench-pseudonym-key-0123456789-abcdefghijklmnop';
// A real bot's updates arrive as I/O callbacks; a tight microtask loop would never let the batch
// processors' timers run. Yield every few updates, in every variant.
const YIELD_EVERY = 16;
const WARMUP = { noop: 5_000, reply: 500 };

const telemetry = await startVariant(variant);
const api = await startFakeBotApi();
// Loaded after the telemetry started: the instrumentation patches Telegraf as it is required.
const { Telegraf } = await import('telegraf');
const { logs, trace } = await import('@opentelemetry/api');

const bots = createBots(Telegraf, TOKEN, api.apiRoot);
const updates = createUpdateSource();

const flush = () => flushTelemetry({ logs, trace });

async function segment(workload, count) {
  const bot = bots[workload];
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    await bot.handleUpdate(updates.next());
    if (i % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  await flush();
  return Number(process.hrtime.bigint() - started) / 1000 / count;
}

for (const [workload, count] of Object.entries(WARMUP)) await segment(workload, count);
const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
reply({ ready: true });

for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.done) break;
  const profiler = command.profile ? await startProfiler() : undefined;
  const micros = await segment(command.workload, command.updates);
  await profiler?.stop(command.profile, command.updates);
  reply({ micros });
}

await api.close();
if (telemetry) {
  await telemetry.shutdown();
  reply({ updates: updates.sent(), exported: await countExported(join(dir, 'telemetry.jsonl')) });
} else {
  reply({ updates: updates.sent() });
}

/**
 * `bare`: nothing. `sdk`: the pipeline as a user gets it. `hot-path` (diagnostic): the same
 * instrumentation, pseudonymiser, context manager and SDK providers, but processors that discard
 * what they get: `sdk` minus `hot-path` is the export path (batching, redaction, serialisation,
 * file writes).
 */
async function startVariant(name) {
  if (name === 'sdk') {
    return (await import('@telegraf-otel/sdk')).startTelemetry({
      serviceName: 'update-overhead-bench',
      file: join(dir, 'telemetry.jsonl'),
      botToken: TOKEN,
      pseudonymKey: PSEUDONYM_KEY,
      handleSignals: false,
      // One file, so every exported record can be counted (rotation would delete old ones).
      fileMaxBytes: 2 ** 40,
    });
  }
  if (name === 'hot-path') {
    const { context, logs, trace } = await import('@opentelemetry/api');
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const { registerInstrumentations } = await import('@opentelemetry/instrumentation');
    const { LoggerProvider } = await import('@opentelemetry/sdk-logs');
    const { TracerProvider } = await import('@opentelemetry/sdk-trace');
    const { TelegrafInstrumentation } = await import('@telegraf-otel/instrumentation');
    const { createPseudonymiser } = await import('@telegraf-otel/redaction');
    const discard = {
      onStart() {},
      onEnd() {},
      onEmit() {},
      forceFlush: async () => {},
      shutdown: async () => {},
    };
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    const tracerProvider = new TracerProvider({ spanProcessors: [discard] });
    const loggerProvider = new LoggerProvider({ processors: [discard] });
    trace.setGlobalTracerProvider(tracerProvider);
    logs.setGlobalLoggerProvider(loggerProvider);
    const pseudonymiser = createPseudonymiser({ key: PSEUDONYM_KEY });
    registerInstrumentations({
      instrumentations: [
        new TelegrafInstrumentation({
          pseudonymise: (kind, id) => pseudonymiser.pseudonymise(kind, id),
          onBotToken: () => {},
        }),
      ],
      tracerProvider,
      loggerProvider,
    });
  }
  return undefined;
}

/** Update spans and update log records in the file (one OTLP/JSON export request per line). */
async function countExported(file) {
  let spans = 0;
  let logs = 0;
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line) continue;
    const request = JSON.parse(line);
    for (const rs of request.resourceSpans ?? [])
      for (const ss of rs.scopeSpans ?? [])
        spans += ss.spans.filter((s) => s.name.startsWith('telegram.update')).length;
    for (const rl of request.resourceLogs ?? [])
      for (const sl of rl.scopeLogs ?? [])
        logs += sl.logRecords.filter((r) => r.eventName === 'telegram.update.handled').length;
  }
  return { updateSpans: spans, updateLogs: logs };
}
