import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { expect } from 'vitest';
import { BOT_TOKEN, PSEUDONYM_KEY } from './canaries.js';
import { startChildBot } from './child-bot.js';
import { canaryUpdates } from './updates.js';

/**
 * The control of the child-process leak tests: the fixture bot handles the canary updates with
 * the `unredacted` preload (the real instrumentations and OpenTelemetry SDK, no redaction) in
 * `dir`; resolves with the bytes it exported.
 */
export async function runUnredactedChild(dir: string): Promise<Buffer> {
  const file = join(dir, 'control', 'telemetry.jsonl');
  const fake = await startFakeBotApi();
  const bot = startChildBot(
    'unredacted',
    {
      BOT_TOKEN,
      FAKE_API_ROOT: fake.apiRoot,
      FIXTURE_CONTROL_FILE: file,
      TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY,
    },
    dir,
  );
  try {
    fake.queueUpdates(...canaryUpdates());
    await bot.unlessExited(fake.waitForRequest('sendMessage', undefined, 2));
    expect(await bot.stop()).toBe(0);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nchild stderr:\n${bot.stderr()}`);
  } finally {
    await bot.stop();
    await fake.close();
  }
  return readFile(file);
}
