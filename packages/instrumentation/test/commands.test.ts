import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument, spanNamed } from './support/telemetry.js';

const telemetry = createTestTelemetry();
instrument(telemetry, { commands: ['/admin'] });
const { Telegraf } = await import('telegraf');

describe('telegram.command names only commands the bot registered', () => {
  const api = useFakeBotApi();
  beforeEach(() => telemetry.reset());

  it('learns handled, published and configured commands; anything else a user types is _OTHER', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.start((ctx) => ctx.reply('welcome'));
    bot.help((ctx) => ctx.reply('help'));
    bot.command(['report', 'Stats'], (ctx) => ctx.reply('ok'));
    bot.command(/^secret_\w+$/, (ctx) => ctx.reply('pattern commands are not learned'));
    await bot.telegram.setMyCommands([{ command: 'menu', description: 'Menu' }]);
    const typed = [
      '/start',
      '/HELP',
      '/report now',
      '/stats@fake_test_bot',
      '/menu',
      '/admin',
      '/ivan_petrov_79161234567',
      '/secret_code_4242',
      '/unknown',
    ];
    for (const text of typed) await bot.handleUpdate(textMessage(text) as never);

    const commands = spanNamed(telemetry.spans(), 'telegram.update message').map(
      (span) => span.attributes['telegram.command'],
    );
    expect(commands).toEqual([
      'start',
      'help',
      'report',
      'stats',
      'menu',
      'admin',
      '_OTHER',
      '_OTHER',
      '_OTHER',
    ]);
  });
});
