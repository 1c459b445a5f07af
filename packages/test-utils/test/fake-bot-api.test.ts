import { Telegraf, TelegramError } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../src/fake-bot-api.js';

const TOKEN = '123456789:AAHfakeTokenForFakeApiTests0123456';

const message = (text: string, chatId = 42) => ({
  message: {
    message_id: 1,
    date: 1_700_000_000,
    chat: { id: chatId, type: 'private', first_name: 'Ann' },
    from: { id: chatId, is_bot: false, first_name: 'Ann' },
    text,
  },
});

describe('fake Bot API', () => {
  let api: FakeBotApi;
  afterEach(async () => {
    await api?.close();
  });

  it('serves getUpdates to a polling Telegraf bot and records its replies', async () => {
    api = await startFakeBotApi({ botInfo: { username: 'canary_bot' } });
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.on('text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    const ids = api.queueUpdates(message('one'), message('two', 7));
    expect(ids).toEqual([1, 2]);
    const launched = bot.launch();
    const second = await api.waitForRequest('sendMessage', undefined, 2);
    bot.stop();
    await launched;
    expect(bot.botInfo?.username).toBe('canary_bot');
    const replies = api.requests.filter((r) => r.method === 'sendMessage');
    expect(replies.map((r) => r.payload.text).sort()).toEqual(['echo one', 'echo two']);
    expect(second.token).toBe(TOKEN);
    // The bot confirmed both updates: a later getUpdates with the new offset sees none.
    const offsets = api.requests
      .filter((r) => r.method === 'getUpdates')
      .map((r) => r.payload.offset);
    expect(offsets).toContain(3);
  });

  it('fails a method with Bot API errors, a limited number of times', async () => {
    api = await startFakeBotApi();
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    api.fail(
      'sendMessage',
      {
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      },
      1,
    );
    const error = await bot.telegram.sendMessage(1, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect((error as TelegramError).code).toBe(429);
    expect((error as TelegramError).parameters?.retry_after).toBe(3);
    // Only once: the next call succeeds.
    await expect(bot.telegram.sendMessage(1, 'x')).resolves.toMatchObject({ chat: { id: 1 } });
  });

  it('answers with an HTML page that the client cannot parse', async () => {
    api = await startFakeBotApi();
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    api.fail('getChat', { html: '<html>Bad Gateway</html>', status: 404 });
    const error = (await bot.telegram.getChat(1).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('FetchError');
    expect(error.message).toContain('invalid json response body');
  });

  it('parses multipart uploads and custom responders', async () => {
    api = await startFakeBotApi();
    api.respond('getChat', (payload) => ({ id: payload.chat_id, type: 'supergroup' }));
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    await expect(bot.telegram.getChat(-100)).resolves.toEqual({ id: -100, type: 'supergroup' });
    await bot.telegram.sendDocument(
      5,
      { source: Buffer.from('abc'), filename: 'a.txt' },
      {
        caption: 'cap',
      },
    );
    const upload = await api.waitForRequest('sendDocument');
    expect(upload.payload).toMatchObject({
      chat_id: 5,
      caption: 'cap',
      document: { filename: 'a.txt', size: 3 },
    });
    api.reset();
    await expect(bot.telegram.getChat(-100)).resolves.toBe(true);
  });
});
