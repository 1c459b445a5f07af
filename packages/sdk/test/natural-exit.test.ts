import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, PSEUDONYM_KEY } from './support/canaries.js';
import { runFixture } from './support/run-fixture.js';
import { textUpdate } from './support/updates.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-natural-exit-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

function names(jsonl: string): { spans: string[]; events: string[] } {
  const lines = jsonl
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  return {
    spans: lines.flatMap((l) =>
      (l.resourceSpans ?? []).flatMap((r: { scopeSpans: { spans: { name: string }[] }[] }) =>
        r.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)),
      ),
    ),
    events: lines.flatMap((l) =>
      (l.resourceLogs ?? []).flatMap(
        (r: { scopeLogs: { logRecords: { eventName?: string }[] }[] }) =>
          r.scopeLogs.flatMap((s) => s.logRecords.map((x) => x.eventName)),
      ),
    ),
  };
}

describe('an ESM bot that imports telegraf first and stops itself from code', () => {
  it('is patched in place, says so at start-up, and its last records are flushed on natural exit', async () => {
    const fake = await startFakeBotApi();
    const cwd = await mkdtemp(join(base, 'app-'));
    try {
      fake.queueUpdates(textUpdate('hello'));
      const run = await runFixture(
        'self-stopping-bot.mjs',
        { BOT_TOKEN, FAKE_API_ROOT: fake.apiRoot, TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY },
        cwd,
      );
      expect(run.code, run.stderr).toBe(0);
      const file = join(cwd, '.telegraf-otel', 'telemetry.jsonl');
      const { spans, events } = names(await readFile(file, 'utf8'));
      expect(spans).toContain('telegram.update message');
      expect(spans).toContain('telegram.api sendMessage');
      // Emitted by bot.stop() just before the loop drained: only a flush on exit saves it.
      expect(events).toContain('telegram.bot.stopped');
      const startup = run.stderr.split('\n').filter((l) => l.includes('telemetry to'));
      expect(startup).toEqual([
        `telegraf-otel: telemetry to the private file ${file}; known secrets: BOT_TOKEN, ` +
          'TELEGRAF_OTEL_PSEUDONYM_KEY, and every bot token Telegraf uses; telegraf was imported ' +
          'before telemetry started and has been patched in place',
      ]);
      expect(run.stderr).not.toContain(PSEUDONYM_KEY);
    } finally {
      await fake.close();
    }
  });
});
