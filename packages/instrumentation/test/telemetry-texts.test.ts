import { callbackQuery, TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { describe, expect, it } from 'vitest';
import { TELEMETRY_TEXTS } from '../src/index.js';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument } from './support/telemetry.js';

const telemetry = createTestTelemetry();
instrument(telemetry);
const { Telegraf } = await import('telegraf');

describe('TELEMETRY_TEXTS (what a redactor may pass whole)', () => {
  const api = useFakeBotApi();

  it('holds every update span name, event name, log message and severity a running bot writes', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.command('boom', () => {
      throw new Error('handler failed');
    });
    bot.on('callback_query', (ctx) => ctx.answerCbQuery());
    bot.on('message', (ctx) => ctx.reply('ok'));
    bot.catch(() => {});
    api.fail('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' }, 1);
    api.queueUpdates(textMessage('hello'), textMessage('/boom'), callbackQuery('menu:1', 7), {
      update_id: 99,
      'Not-A-Type': {},
    });
    const launched = bot.launch();
    await api.waitForRequest('answerCallbackQuery');
    bot.stop('SIGTERM');
    await launched;

    const spanNames = telemetry.spans().map((span) => span.name);
    const logs = telemetry.logs();
    const texts = [
      ...spanNames,
      ...logs.map((log) => log.eventName),
      ...logs.map((log) => log.body),
      ...logs.map((log) => log.severityText),
    ];
    // Handled, failed, an unknown update type; a failed Bot API call; the bot's start and stop.
    expect(new Set(logs.map((log) => log.eventName))).toEqual(
      new Set([
        'telegram.bot.started',
        'telegram.update.handled',
        'telegram.update.failed',
        'telegram.api.failed',
        'telegram.bot.stopped',
      ]),
    );
    expect(spanNames).toEqual(
      expect.arrayContaining([
        'telegram.update _OTHER',
        'telegram.api sendMessage',
        'telegram.api answerCallbackQuery',
      ]),
    );
    for (const text of texts) expect(TELEMETRY_TEXTS, String(text)).toContain(text);
  });

  it('holds exact Bot API method names only, and nothing a user typed', () => {
    expect(TELEMETRY_TEXTS).toContain('telegram.api getMe');
    for (const text of ['telegram.api Ann', 'telegram.api someNewMethod', 'telegram.api ']) {
      expect(TELEMETRY_TEXTS).not.toContain(text);
    }
    for (const word of ['hello', '/boom', 'menu:1', 'Private', 'handled']) {
      expect(TELEMETRY_TEXTS).not.toContain(word);
    }
  });
});
