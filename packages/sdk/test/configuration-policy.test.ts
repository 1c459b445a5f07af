import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN } from './support/canaries.js';
import { startChildBot } from './support/child-bot.js';
import { textUpdate } from './support/updates.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-policy-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const SHORT_KEY = { TELEGRAF_OTEL_PSEUDONYM_KEY: 'short-key' };

describe('a configuration error with the register entry', () => {
  it('keeps the bot running with telemetry disabled and one stderr line naming the setting', async () => {
    const fake = await startFakeBotApi();
    const cwd = await mkdtemp(join(base, 'lenient-'));
    const bot = startChildBot(
      'register',
      { BOT_TOKEN, FAKE_API_ROOT: fake.apiRoot, ...SHORT_KEY },
      cwd,
    );
    try {
      fake.queueUpdates(textUpdate('hello'));
      await bot.unlessExited(fake.waitForRequest('sendMessage'));
      expect(await bot.stop()).toBe(0);
      const lines = bot.stderr().trim().split('\n');
      expect(lines).toEqual([
        expect.stringMatching(
          /^telegraf-otel: telemetry is DISABLED, nothing is exported: TELEGRAF_OTEL_PSEUDONYM_KEY: is 9 bytes; at least 32 .*TELEGRAF_OTEL_STRICT=true/,
        ),
      ]);
      expect(existsSync(join(cwd, '.telegraf-otel'))).toBe(false);
    } finally {
      await bot.stop();
      await fake.close();
    }
  });

  it('TELEGRAF_OTEL_STRICT=true makes start-up fail instead', async () => {
    const cwd = await mkdtemp(join(base, 'strict-'));
    const bot = startChildBot(
      'register',
      {
        BOT_TOKEN,
        FAKE_API_ROOT: 'http://127.0.0.1:9',
        TELEGRAF_OTEL_STRICT: 'true',
        ...SHORT_KEY,
      },
      cwd,
    );
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(
        /^telegraf-otel: invalid configuration: TELEGRAF_OTEL_PSEUDONYM_KEY: is 9 bytes; .* \(TELEGRAF_OTEL_STRICT=true: the bot is not started\)$/,
      ),
    ]);
    expect(bot.stdout()).not.toContain('fixture: bot launched');
  });
});
