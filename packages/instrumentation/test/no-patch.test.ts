import { SeverityNumber, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { isWrapped } from '@opentelemetry/instrumentation';
import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { Telegraf } from 'telegraf';
import { beforeEach, describe, expect, it } from 'vitest';
import { instrumentTelegram, telemetryMiddleware } from '../src/index.js';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, logsNamed, parentOf, spanNamed } from './support/telemetry.js';

// No TelegrafInstrumentation in this process: telegraf is imported statically and never patched.
const telemetry = createTestTelemetry();
const seenTokens: string[] = [];
const options = {
  tracerProvider: telemetry.tracerProvider,
  loggerProvider: telemetry.loggerProvider,
  pseudonymise: (kind: 'user' | 'chat', id: number) => `${kind}-pseudonym-${id % 7}`,
  onBotToken: (token: string) => seenTokens.push(token),
  // Without patching, `bot.command()` is not seen: the bot's commands are configured.
  commands: ['help'],
};

describe('no-patch path (telemetryMiddleware + instrumentTelegram)', () => {
  const api = useFakeBotApi();
  beforeEach(() => telemetry.reset());

  it('produces the update span, API child spans and log records without patching', async () => {
    expect(isWrapped(Telegraf.prototype.handleUpdate)).toBe(false);
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    instrumentTelegram(bot.telegram, options);
    bot.use(telemetryMiddleware(options));
    bot.command('help', (ctx) => ctx.reply('help text'));
    const [id] = api.queueUpdates(textMessage('/help me', { userId: 55 }));
    const launched = bot.launch();
    await api.waitForRequest('sendMessage');
    bot.stop();
    await launched;

    const spans = telemetry.spans();
    const [update] = spanNamed(spans, 'telegram.update message');
    expect(update?.kind).toBe(SpanKind.CONSUMER);
    expect(parentOf(update as NonNullable<typeof update>)).toBeUndefined();
    expect(update?.attributes).toMatchObject({
      'telegram.update.id': id,
      'telegram.update.type': 'message',
      'telegram.message.type': 'text',
      'telegram.chat.type': 'private',
      'telegram.command': 'help',
      'telegram.user.hash': 'user-pseudonym-6',
      'telegram.chat.hash': 'chat-pseudonym-6',
      'telegram.update.outcome': 'handled',
    });
    const [reply] = spanNamed(spans, 'telegram.api sendMessage');
    expect(reply?.kind).toBe(SpanKind.CLIENT);
    expect(parentOf(reply as NonNullable<typeof reply>)).toBe(update?.spanContext().spanId);
    // bot.telegram (used by launch) is traced too; getUpdates stays ignored.
    expect(spanNamed(spans, 'telegram.api getMe')).toHaveLength(1);
    expect(spanNamed(spans, 'telegram.api getUpdates')).toHaveLength(0);
    const [handled] = logsNamed(telemetry.logs(), 'telegram.update.handled');
    expect(handled?.severityNumber).toBe(SeverityNumber.INFO);
    expect(handled?.spanContext?.spanId).toBe(update?.spanContext().spanId);
    expect(new Set(seenTokens)).toEqual(new Set([TOKEN]));
  });

  it('records handler errors that bot.catch() swallows, and API failures', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.use(telemetryMiddleware(options));
    bot.command('boom', () => {
      throw new TypeError(`bad state near bot${TOKEN}`);
    });
    bot.command('reply', (ctx) => ctx.reply('x'));
    bot.catch(() => {});
    await bot.handleUpdate(textMessage('/boom'));
    api.fail(
      'sendMessage',
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      1,
    );
    await bot.handleUpdate(textMessage('/reply'));

    const updates = spanNamed(telemetry.spans(), 'telegram.update message');
    expect(updates[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(updates[0]?.attributes).toMatchObject({
      'telegram.update.outcome': 'error',
      'error.type': 'TypeError',
    });
    expect(updates[0]?.events[0]?.attributes?.['exception.message']).toBe(
      'bad state near bot[REDACTED]',
    );
    // The failed reply rejected through the middleware: the update failed with the API error code.
    expect(updates[1]?.attributes).toMatchObject({
      'telegram.update.outcome': 'error',
      'error.type': '403',
    });
    const [call] = spanNamed(telemetry.spans(), 'telegram.api sendMessage');
    expect(call?.attributes).toMatchObject({ 'telegram.api.error_code': 403, 'error.type': '403' });
    expect(logsNamed(telemetry.logs(), 'telegram.api.failed')[0]?.severityNumber).toBe(
      SeverityNumber.WARN,
    );
    expect(logsNamed(telemetry.logs(), 'telegram.update.failed')).toHaveLength(2);
  });
});
