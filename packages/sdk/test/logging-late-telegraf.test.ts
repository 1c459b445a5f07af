import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTelemetry } from '@telegraf-otel/sdk';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { readTelemetryLines } from '@telegraf-otel/test-utils/telemetry-lines';
import { expect, it } from 'vitest';
import { BOT_TOKEN, PSEUDONYM_KEY } from './support/canaries.js';
import { textUpdate } from './support/updates.js';

// Imported before telemetry starts, as an ES module bot's static `import` does.
const { Telegraf } = await import('telegraf');

it('ctx.log works on a Telegraf loaded before startTelemetry()', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tgotel-late-'));
  const file = join(dir, 'telemetry.jsonl');
  const telemetry = startTelemetry({ file, pseudonymKey: PSEUDONYM_KEY, handleSignals: false });
  const fake = await startFakeBotApi();
  try {
    const bot = new Telegraf(BOT_TOKEN, { telegram: { apiRoot: fake.apiRoot } });
    bot.on('text', (ctx) => ctx.log.info('late but logged'));
    await bot.handleUpdate(textUpdate('hello'));
    await telemetry.shutdown();
    const { logs } = await readTelemetryLines(file);
    const record = logs.find((r) => r.body === 'late but logged');
    expect(record?.attributes['telegram.update.type']).toBe('message');
    expect(record?.traceId).toMatch(/^[0-9a-f]{32}$/);
  } finally {
    await telemetry.shutdown();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
});
