import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSafeErrorHandler } from '../src/index.js';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument, logsNamed } from './support/telemetry.js';

const telemetry = createTestTelemetry();
instrument(telemetry);
const { Telegraf } = await import('telegraf');

describe('createSafeErrorHandler', () => {
  const api = useFakeBotApi();
  beforeEach(() => telemetry.reset());
  afterEach(() => {
    api.reset();
    vi.restoreAllMocks();
  });

  const crashingBot = (handler: ReturnType<typeof createSafeErrorHandler>) => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.catch(handler);
    bot.on('text', () => {
      throw new Error(`lookup failed for CANARY-PERSON with /bot${TOKEN}/getChat`);
    });
    return bot;
  };

  it('replies with the configured text and the trace-id prefix, never the error', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bot = crashingBot(createSafeErrorHandler({ message: (id) => `Oops (${id})` }));
    await bot.handleUpdate(textMessage('CANARY-TEXT from CANARY-PERSON'));
    const [reply] = api.requests.filter((r) => r.method === 'sendMessage');
    const [failed] = logsNamed(telemetry.logs(), 'telegram.update.failed');
    const traceId = failed?.spanContext?.traceId ?? '';
    expect(reply?.payload.text).toBe(`Oops (${traceId.slice(0, 16)})`);
    // The record support finds with it holds the scrubbed error.
    expect(String(failed?.attributes['exception.message'])).not.toContain(TOKEN);
    const printed = stderr.mock.calls.map((c) => String(c[0])).join('');
    expect(printed).not.toMatch(/CANARY|lookup|getChat/);
    expect(printed).toContain(traceId.slice(0, 16));
  });

  it('never throws: not when the reply fails, not when the message builder throws', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    api.fail('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    });
    await expect(
      crashingBot(createSafeErrorHandler()).handleUpdate(textMessage('hi')),
    ).resolves.toBeUndefined();
    const throwing = createSafeErrorHandler({
      message: () => {
        throw new Error('template broken');
      },
    });
    await expect(crashingBot(throwing).handleUpdate(textMessage('hi'))).resolves.toBeUndefined();
    expect(logsNamed(telemetry.logs(), 'telegram.update.failed')).toHaveLength(2);
  });

  it('prints nothing with print: false, and answers nothing where there is no chat', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.catch(createSafeErrorHandler({ print: false }));
    const earlier = api.requests.length;
    bot.on('inline_query', () => {
      throw new Error('inline failed');
    });
    await bot.handleUpdate({
      update_id: 77,
      inline_query: {
        id: '1',
        from: { id: 5, is_bot: false, first_name: 'A' },
        query: 'q',
        offset: '',
      },
    } as never);
    expect(stderr).not.toHaveBeenCalled();
    expect(api.requests.slice(earlier).filter((r) => r.method === 'sendMessage')).toEqual([]);
    expect(logsNamed(telemetry.logs(), 'telegram.update.failed')).toHaveLength(1);
  });
});
