import { createHmac } from 'node:crypto';
import { SeverityNumber, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { callbackQuery, TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import {
  createTestTelemetry,
  instrument,
  logsNamed,
  parentOf,
  spanNamed,
} from './support/telemetry.js';

const telemetry = createTestTelemetry();
const seenTokens: string[] = [];
const hmac = (kind: string, id: number) =>
  `v1:${createHmac('sha256', 'k'.repeat(32)).update(`${kind}:${id}`).digest('hex').slice(0, 16)}`;
const instrumentation = instrument(telemetry, {
  pseudonymise: hmac,
  onBotToken: (token) => seenTokens.push(token),
  updateHook: (span, info) =>
    span.setAttribute('test.hook.update', `${info.updateType}#${info.updateId}`),
  apiCallHook: (span, info) => span.setAttribute('test.hook.method', info.method),
});
const { Telegraf } = await import('telegraf');

describe('polling bot', () => {
  const api = useFakeBotApi();
  beforeEach(() => telemetry.reset());

  it('traces each update as a root CONSUMER span with Bot API calls as CLIENT children', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.start((ctx) => ctx.reply('welcome'));
    bot.on('photo', (ctx) => ctx.reply('nice photo'));
    bot.on('callback_query', (ctx) => ctx.answerCbQuery());
    const [startId, photoId] = api.queueUpdates(
      textMessage('/start@fake_test_bot ref-code', { userId: 1001 }),
      {
        message: {
          message_id: 9,
          date: 1_700_000_000,
          chat: { id: -100123, type: 'supergroup', title: 'T' },
          from: { id: 1002, is_bot: false, first_name: 'B' },
          photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }],
          caption: 'caption',
        },
      },
      callbackQuery('menu:1', 1003),
    );
    const launched = bot.launch();
    await api.waitForRequest('answerCallbackQuery');
    await api.waitForRequest('sendMessage', undefined, 2);
    bot.stop('SIGTERM');
    await launched;

    const spans = telemetry.spans();
    const updates = spans.filter((s) => s.name.startsWith('telegram.update '));
    expect(updates.map((s) => s.name).sort()).toEqual([
      'telegram.update callback_query',
      'telegram.update message',
      'telegram.update message',
    ]);
    for (const span of updates) {
      expect(span.kind).toBe(SpanKind.CONSUMER);
      expect(parentOf(span)).toBeUndefined(); // polling: a root span
      expect(span.attributes['telegram.update.outcome']).toBe('handled');
      expect(span.attributes['telegram.update.duration_ms']).toBeTypeOf('number');
      expect(span.status.code).toBe(SpanStatusCode.UNSET);
      expect(span.instrumentationScope.name).toBe('@telegraf-otel/instrumentation');
    }
    const start = updates.find((s) => s.attributes['telegram.update.id'] === startId);
    expect(start?.attributes).toMatchObject({
      'telegram.update.type': 'message',
      'telegram.message.type': 'text',
      'telegram.chat.type': 'private',
      'telegram.command': 'start',
      'telegram.user.hash': hmac('user', 1001),
      'telegram.chat.hash': hmac('chat', 1001),
      'test.hook.update': `message#${startId}`,
    });
    const photo = updates.find((s) => s.attributes['telegram.update.id'] === photoId);
    expect(photo?.attributes).toMatchObject({
      'telegram.message.type': 'photo',
      'telegram.chat.type': 'supergroup',
      'telegram.chat.hash': hmac('chat', -100123),
    });
    expect(photo?.attributes['telegram.command']).toBeUndefined();
    const callback = spanNamed(updates, 'telegram.update callback_query')[0];
    expect(callback?.attributes).toMatchObject({
      'telegram.chat.type': 'private',
      'telegram.user.hash': hmac('user', 1003),
    });
    expect(callback?.attributes['telegram.message.type']).toBeUndefined();

    // Every reply is a CLIENT child of the update span that made it.
    const replies = [
      ...spanNamed(spans, 'telegram.api sendMessage'),
      ...spanNamed(spans, 'telegram.api answerCallbackQuery'),
    ];
    expect(replies).toHaveLength(3);
    for (const reply of replies) {
      expect(reply.kind).toBe(SpanKind.CLIENT);
      const parent = updates.find((u) => u.spanContext().spanId === parentOf(reply));
      expect(parent?.spanContext().traceId).toBe(reply.spanContext().traceId);
      expect(reply.attributes['telegram.api.method']).toBe(
        reply.name.slice('telegram.api '.length),
      );
      expect(reply.attributes['test.hook.method']).toBe(reply.attributes['telegram.api.method']);
    }
    // launch()'s own calls are traced (roots); getUpdates is ignored by default.
    expect(spanNamed(spans, 'telegram.api getMe')).toHaveLength(1);
    expect(spanNamed(spans, 'telegram.api deleteWebhook')).toHaveLength(1);
    expect(spanNamed(spans, 'telegram.api getUpdates')).toHaveLength(0);
    expect(seenTokens).toEqual([TOKEN]);

    // One closing log record per update, correlated with its span.
    const logs = telemetry.logs();
    const handled = logsNamed(logs, 'telegram.update.handled');
    expect(handled).toHaveLength(3);
    for (const record of handled) {
      expect(record.severityNumber).toBe(SeverityNumber.INFO);
      expect(record.severityText).toBe('INFO');
      expect(record.body).toBe('update handled');
      const span = updates.find((u) => u.spanContext().spanId === record.spanContext?.spanId);
      expect(span?.spanContext().traceId).toBe(record.spanContext?.traceId);
      expect(record.attributes['telegram.update.outcome']).toBe('handled');
      expect(record.attributes['telegram.update.duration_ms']).toBe(
        span?.attributes['telegram.update.duration_ms'],
      );
      expect(record.attributes['telegram.update.type']).toBe(
        span?.attributes['telegram.update.type'],
      );
    }
    expect(logsNamed(logs, 'telegram.bot.started').map((l) => l.attributes)).toEqual([
      { 'telegram.bot.mode': 'polling' },
    ]);
    expect(logsNamed(logs, 'telegram.bot.stopped').map((l) => l.attributes)).toEqual([
      { 'telegram.bot.stop_reason': 'SIGTERM' },
    ]);
  });

  it('records errors swallowed by bot.catch() and handler timeouts while polling continues', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot }, handlerTimeout: 50 });
    const caught: string[] = [];
    bot.catch((error) => {
      caught.push((error as Error).name);
    });
    bot.command('boom', () => {
      throw new RangeError('handler exploded');
    });
    bot.command('slow', async (ctx) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await ctx.reply('late');
    });
    bot.command('ok', (ctx) => ctx.reply('fine'));
    const [boomId, slowId, okId] = api.queueUpdates(
      textMessage('/boom'),
      textMessage('/slow'),
      textMessage('/ok'),
    );
    const launched = bot.launch();
    await api.waitForRequest('sendMessage', (r) => r.payload.text === 'late');
    bot.stop();
    await launched;

    expect(caught.sort()).toEqual(['RangeError', 'TimeoutError']);
    const byId = (id: number | undefined) =>
      telemetry.spans().find((s) => s.attributes['telegram.update.id'] === id);
    const boom = byId(boomId);
    expect(boom?.status.code).toBe(SpanStatusCode.ERROR);
    expect(boom?.attributes).toMatchObject({
      'telegram.update.outcome': 'error',
      'error.type': 'RangeError',
      'telegram.command': 'boom',
    });
    expect(boom?.events.map((e) => e.attributes?.['exception.message'])).toEqual([
      'handler exploded',
    ]);
    const slow = byId(slowId);
    expect(slow?.attributes).toMatchObject({
      'telegram.update.outcome': 'timeout',
      'error.type': 'TimeoutError',
    });
    // The late reply still belongs to the (already ended) update span.
    const late = spanNamed(telemetry.spans(), 'telegram.api sendMessage').find(
      (s) => s.spanContext().traceId === slow?.spanContext().traceId,
    );
    expect(parentOf(late as NonNullable<typeof late>)).toBe(slow?.spanContext().spanId);
    expect(byId(okId)?.attributes['telegram.update.outcome']).toBe('handled');

    const failed = logsNamed(telemetry.logs(), 'telegram.update.failed');
    expect(failed.map((l) => l.attributes['telegram.update.outcome']).sort()).toEqual([
      'error',
      'timeout',
    ]);
    for (const record of failed) {
      expect(record.severityNumber).toBe(SeverityNumber.ERROR);
      expect(record.body).toBe('update failed');
    }
  });

  it('traces getUpdates when it is not in ignoreApiMethods', async () => {
    const previous = instrumentation.getConfig();
    instrumentation.setConfig({ ...previous, ignoreApiMethods: ['deleteWebhook'] });
    try {
      const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
      const launched = bot.launch();
      await api.waitForRequest(
        'getUpdates',
        undefined,
        api.requests.filter((r) => r.method === 'getUpdates').length + 1,
      );
      bot.stop();
      await launched;
      const names = telemetry.spans().map((s) => s.name);
      expect(names).toContain('telegram.api getUpdates');
      expect(names).not.toContain('telegram.api deleteWebhook');
    } finally {
      instrumentation.setConfig(previous);
    }
  });

  it('reports a token already seen to an onBotToken callback configured later', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.on('message', () => undefined);
    await bot.handleUpdate(textMessage('seen before the callback changes') as never);
    const previous = instrumentation.getConfig();
    const lateTokens: string[] = [];
    instrumentation.setConfig({ ...previous, onBotToken: (token) => lateTokens.push(token) });
    try {
      await bot.handleUpdate(textMessage('hello') as never);
      await bot.handleUpdate(textMessage('again') as never);
      expect(seenTokens).toEqual([TOKEN]);
      expect(lateTokens).toEqual([TOKEN]);
    } finally {
      instrumentation.setConfig(previous);
    }
  });

  it('logs webhook launches and failed launches', async () => {
    const webhookBot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    await webhookBot.launch({ webhook: { domain: 'bot.example.org', host: '127.0.0.1', port: 0 } });
    webhookBot.stop('SIGINT');
    expect(api.requests.map((r) => r.method)).toContain('setWebhook');

    api.fail('getMe', { error_code: 401, description: 'Unauthorized' }, 1);
    const failing = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    await expect(failing.launch()).rejects.toThrow('401: Unauthorized');

    const lifecycle = telemetry
      .logs()
      .filter((l) => l.eventName?.startsWith('telegram.bot.'))
      .map((l) => [l.eventName, l.severityText, l.attributes]);
    expect(lifecycle).toEqual([
      ['telegram.bot.started', 'INFO', { 'telegram.bot.mode': 'webhook' }],
      ['telegram.bot.stopped', 'INFO', { 'telegram.bot.stop_reason': 'SIGINT' }],
      ['telegram.bot.started', 'INFO', { 'telegram.bot.mode': 'polling' }],
      [
        'telegram.bot.stopped',
        'ERROR',
        {
          'error.type': '401',
          'exception.type': 'Error',
          'exception.message': '401: Unauthorized',
        },
      ],
    ]);
  });

  it('keeps parallel updates of one batch apart (state lives in the context, not the instrumentation)', async () => {
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    const activeSpanOf = new Map<number, string | undefined>();
    bot.on('text', async (ctx) => {
      // Interleave the handlers: later updates finish first.
      await new Promise((resolve) => setTimeout(resolve, 60 - (ctx.update.update_id % 20) * 3));
      activeSpanOf.set(ctx.update.update_id, trace.getActiveSpan()?.spanContext().spanId);
      await ctx.reply(`reply to ${ctx.update.update_id}`);
    });
    const ids = api.queueUpdates(...Array.from({ length: 20 }, (_, i) => textMessage(`m${i}`)));
    const launched = bot.launch();
    await api.waitForRequest(
      'sendMessage',
      (r) => String(r.payload.text).startsWith('reply to'),
      20,
    );
    bot.stop();
    await launched;

    const spans = telemetry.spans();
    const updates = spanNamed(spans, 'telegram.update message');
    expect(updates).toHaveLength(20);
    for (const id of ids) {
      const span = updates.find((u) => u.attributes['telegram.update.id'] === id);
      expect(activeSpanOf.get(id)).toBe(span?.spanContext().spanId);
      const replies = spanNamed(spans, 'telegram.api sendMessage').filter(
        (r) => parentOf(r) === span?.spanContext().spanId,
      );
      expect(replies).toHaveLength(1);
    }
    const handled = logsNamed(telemetry.logs(), 'telegram.update.handled');
    expect(new Set(handled.map((l) => l.attributes['telegram.update.id']))).toEqual(new Set(ids));
  });
});
