import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { expect } from 'vitest';
import { BOT_TOKEN, PSEUDONYM_KEY } from './canaries.js';
import { type Preload, startChildBot } from './child-bot.js';
import { canaryUpdates } from './updates.js';

/** The fixture bot handles the canary updates in a child process in `cwd`, then exits cleanly. */
export async function runCanaryChild(
  preload: Preload,
  env: Record<string, string>,
  cwd: string,
): Promise<void> {
  const fake = await startFakeBotApi();
  const bot = startChildBot(
    preload,
    { BOT_TOKEN, FAKE_API_ROOT: fake.apiRoot, TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY, ...env },
    cwd,
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
}

/**
 * The control of the child-process leak tests: the same bot and updates with the `unredacted`
 * preload (the real instrumentations and OpenTelemetry SDK, no redaction); resolves with the
 * bytes it exported.
 */
export async function runUnredactedChild(dir: string): Promise<Buffer> {
  const file = join(dir, 'control', 'telemetry.jsonl');
  await runCanaryChild('unredacted', { FIXTURE_CONTROL_FILE: file }, dir);
  return readFile(file);
}
