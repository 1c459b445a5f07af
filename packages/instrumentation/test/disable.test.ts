import { isWrapped } from '@opentelemetry/instrumentation';
import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { describe, expect, it } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument } from './support/telemetry.js';

const telemetry = createTestTelemetry();
const instrumentation = instrument(telemetry);
const { Telegraf } = await import('telegraf');

describe('disable()', () => {
  const api = useFakeBotApi();

  const handleOne = async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.on('text', (ctx) => ctx.reply('hi'));
    await bot.handleUpdate(textMessage('hello'));
  };

  it('unpatches Telegraf and the API client, and enable() patches them again', async () => {
    // ApiClient is not exported: reach its prototype through Telegram's prototype chain.
    const clientProto = Object.getPrototypeOf(Object.getPrototypeOf(new Telegraf(TOKEN).telegram));
    expect(isWrapped(Telegraf.prototype.handleUpdate)).toBe(true);
    expect(isWrapped(clientProto.callApi)).toBe(true);
    await handleOne();
    expect(telemetry.spans().map((s) => s.name)).toContain('telegram.update message');

    instrumentation.disable();
    telemetry.reset();
    expect(isWrapped(Telegraf.prototype.handleUpdate)).toBe(false);
    expect(isWrapped(Telegraf.prototype.launch)).toBe(false);
    expect(isWrapped(Telegraf.prototype.stop)).toBe(false);
    expect(isWrapped(clientProto.callApi)).toBe(false);
    await handleOne();
    expect(telemetry.spans()).toEqual([]);
    expect(telemetry.logs()).toEqual([]);
    expect(api.requests.filter((r) => r.method === 'sendMessage')).toHaveLength(2);

    instrumentation.enable();
    await handleOne();
    expect(
      telemetry
        .spans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(['telegram.api getMe', 'telegram.api sendMessage', 'telegram.update message']);
  });
});
