// What the two benchmark bots (bot-process.cjs, update-worker.mjs) share: their handlers, the
// stream of updates they are fed, and the flush that charges each variant its own export.
// Telegraf and @opentelemetry/api are passed in: each bot loads them only after its telemetry
// variant has started, so the instrumentation can patch Telegraf as it is loaded.

const HANDLERS = { noop: () => {}, reply: (ctx) => ctx.reply('Thanks, noted.') };

/** One Telegraf bot per workload, polling nothing: updates are handed to `handleUpdate`. */
function createBots(Telegraf, token, apiRoot) {
  const bots = {};
  for (const [name, handler] of Object.entries(HANDLERS)) {
    bots[name] = new Telegraf(token, { telegram: { apiRoot } });
    bots[name].on('message', handler);
  }
  return bots;
}

/** Private-chat command messages from 500 users, ids increasing; `sent()` counts them. */
function createUpdateSource() {
  let nextUpdateId = 1;
  const next = () => {
    const id = nextUpdateId++;
    const userId = 100_000 + (id % 500);
    return {
      update_id: id,
      message: {
        message_id: id,
        date: 1_700_000_000,
        chat: { id: userId, type: 'private', first_name: 'Ann', username: 'ann_user' },
        from: { id: userId, is_bot: false, first_name: 'Ann', username: 'ann_user' },
        text: '/note buy milk',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    };
  };
  return { next, sent: () => nextUpdateId - 1 };
}

/** Exports what the batch processors hold (no-op for variants without providers). */
async function flushTelemetry({ logs, trace }) {
  await trace.getTracerProvider().getDelegate?.().forceFlush?.();
  await logs.getLoggerProvider().forceFlush?.();
}

/** The inspector's sampling profiler, so set-up and warm-up stay out of a segment's profile. */
async function startProfiler() {
  const { Session } = require('node:inspector/promises');
  const { writeFile } = require('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  return {
    async stop(file, updates) {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify({ ...profile, updates }));
    },
  };
}

module.exports = { HANDLERS, createBots, createUpdateSource, flushTelemetry, startProfiler };
