import { SeverityNumber, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeErrorHandler, telemetryMiddleware } from '../src/index.js';
import { useFakeBotApi } from './support/fake-bot-api.js';
import {
  createTestTelemetry,
  instrument,
  logsNamed,
  parentOf,
  spanNamed,
} from './support/telemetry.js';

const telemetry = createTestTelemetry();
const instrumentation = instrument(telemetry);
const { Telegraf, TelegramError } = await import('telegraf');

const updateSpans = () => telemetry.spans().filter((s) => s.name.startsWith('telegram.update '));
const exceptionEvents = (span: {
  events: { name: string; attributes?: Record<string, unknown> }[];
}) => span.events.filter((e) => e.name === 'exception').map((e) => e.attributes ?? {});

describe('errors', () => {
  const api = useFakeBotApi();
  beforeEach(() => telemetry.reset());
  afterEach(() => {
    api.reset();
    vi.restoreAllMocks();
  });

  const newBot = (options: { handlerTimeout?: number } = {}) =>
    new Telegraf(TOKEN, { ...options, telegram: { apiRoot: api.apiRoot } });

  it('records a rethrown handler error, scrubbed, without touching the error object', async () => {
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => {});
    const bot = newBot();
    const thrown = new Error(
      `cannot call https://api.telegram.org/bot${TOKEN}/getMe nor 987654321:AAHotherTOKENvalue_0123456789abcd`,
    );
    bot.command('boom', () => {
      throw thrown;
    });
    await expect(bot.handleUpdate(textMessage('/boom'))).rejects.toBe(thrown);
    process.exitCode = undefined; // set by Telegraf's default handler
    // The default handler prints the whole update (personal data) to stderr: why bot.catch matters.
    expect(stderr).toHaveBeenCalledWith('Unhandled error while processing', expect.anything());

    const [span] = updateSpans();
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['telegram.update.outcome']).toBe('error');
    const events = exceptionEvents(span as NonNullable<typeof span>);
    expect(events).toHaveLength(1); // recorded once, by handleError, not again when it rethrows
    const message = String(events[0]?.['exception.message']);
    expect(message).toBe('cannot call https://api.telegram.org/bot[REDACTED]/getMe nor [REDACTED]');
    expect(String(events[0]?.['exception.stacktrace'])).not.toContain(TOKEN.split(':')[1]);
    expect(span?.status.message).toBe(message);
    expect(thrown.message).toContain(TOKEN); // the user's error is untouched

    const [failed] = logsNamed(telemetry.logs(), 'telegram.update.failed');
    expect(failed?.severityNumber).toBe(SeverityNumber.ERROR);
    expect(failed?.attributes).toMatchObject({
      'telegram.update.outcome': 'error',
      'error.type': 'Error',
      'exception.type': 'Error',
      'exception.message': message,
    });
  });

  it('keeps recording after bot.catch() replaces the handler, wrapping each handler once', async () => {
    const bot = newBot();
    bot.command('boom', () => {
      throw new Error('boom');
    });
    const first = vi.fn();
    bot.catch(first);
    await bot.handleUpdate(textMessage('/boom'));
    await bot.handleUpdate(textMessage('/boom'));
    const second = vi.fn((_error: unknown) => undefined);
    bot.catch(second);
    await bot.handleUpdate(textMessage('/boom'));
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(1);
    expect(second.mock.calls[0]?.[0]).toBeInstanceOf(Error);
    const spans = updateSpans();
    expect(spans).toHaveLength(3);
    for (const span of spans) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR);
      expect(exceptionEvents(span)).toHaveLength(1);
    }
  });

  it('ends the update span with an error when getMe fails outside Telegraf try block', async () => {
    api.fail('getMe', { error_code: 401, description: 'Unauthorized' });
    const bot = newBot();
    const handler = vi.fn();
    bot.catch(handler);
    const error = await bot.handleUpdate(textMessage('hello')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TelegramError);
    expect(handler).not.toHaveBeenCalled(); // Telegraf's try never ran
    const [update] = updateSpans();
    expect(update?.status.code).toBe(SpanStatusCode.ERROR);
    expect(update?.attributes).toMatchObject({
      'telegram.update.outcome': 'error',
      'error.type': '401',
    });
    const [getMe] = spanNamed(telemetry.spans(), 'telegram.api getMe');
    expect(parentOf(getMe as NonNullable<typeof getMe>)).toBe(update?.spanContext().spanId);
    expect(getMe?.attributes).toMatchObject({
      'telegram.api.error_code': 401,
      'error.type': '401',
    });
  });

  it('records Bot API failures: 400, 403, 429 with retry_after, non-JSON bodies', async () => {
    const bot = newBot();
    const outcomes: string[] = [];
    bot.on('text', async (ctx) => {
      try {
        await ctx.reply('PAYLOAD-CANARY reply text');
      } catch (error) {
        outcomes.push((error as Error).name);
      }
    });
    const cases = [
      { error_code: 400, description: 'Bad Request: chat not found' },
      { error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      {
        error_code: 429,
        description: 'Too Many Requests: retry after 7',
        parameters: { retry_after: 7 },
      },
    ];
    for (const failure of cases) {
      api.fail('sendMessage', failure, 1);
      await bot.handleUpdate(textMessage('hi'));
    }
    api.fail('sendMessage', { html: '<html><body>Bad gateway</body></html>', status: 404 }, 1);
    await bot.handleUpdate(textMessage('hi'));
    expect(outcomes).toEqual(['Error', 'Error', 'Error', 'FetchError']);

    const calls = spanNamed(telemetry.spans(), 'telegram.api sendMessage');
    expect(calls.map((s) => s.attributes)).toEqual([
      { 'telegram.api.method': 'sendMessage', 'telegram.api.error_code': 400, 'error.type': '400' },
      { 'telegram.api.method': 'sendMessage', 'telegram.api.error_code': 403, 'error.type': '403' },
      {
        'telegram.api.method': 'sendMessage',
        'telegram.api.error_code': 429,
        'telegram.api.retry_after': 7,
        'error.type': '429',
      },
      { 'telegram.api.method': 'sendMessage', 'error.type': 'FetchError' },
    ]);
    for (const call of calls) {
      expect(call.kind).toBe(SpanKind.CLIENT);
      expect(call.status.code).toBe(SpanStatusCode.ERROR);
      const [event] = exceptionEvents(call);
      // TelegramError.on.payload (the message text) is never copied.
      expect(JSON.stringify(call.events)).not.toContain('PAYLOAD-CANARY');
      expect(JSON.stringify(event)).not.toContain(TOKEN.split(':')[1]);
    }
    expect(
      exceptionEvents(calls[0] as NonNullable<(typeof calls)[0]>)[0]?.['exception.message'],
    ).toBe('400: Bad Request: chat not found');
    // node-fetch puts the request URL (with the token) in this message; Telegraf does not redact it.
    expect(
      exceptionEvents(calls[3] as NonNullable<(typeof calls)[3]>)[0]?.['exception.message'],
    ).toMatch(
      /^invalid json response body at http:\/\/127\.0\.0\.1:\d+\/bot\[REDACTED\]\/sendMessage/,
    );
    // The update itself was handled: the handler caught the API error.
    expect(updateSpans().map((s) => s.attributes['telegram.update.outcome'])).toEqual([
      'handled',
      'handled',
      'handled',
      'handled',
    ]);

    const failed = logsNamed(telemetry.logs(), 'telegram.api.failed');
    expect(failed.map((l) => [l.attributes['telegram.api.error_code'], l.severityText])).toEqual([
      [400, 'WARN'],
      [403, 'WARN'],
      [429, 'WARN'],
      [undefined, 'ERROR'],
    ]);
    expect(failed[2]?.attributes['telegram.api.retry_after']).toBe(7);
    expect(failed.every((l) => l.body === 'Bot API call failed')).toBe(true);
    expect(failed[0]?.spanContext?.spanId).toBe(calls[0]?.spanContext().spanId);
  });

  it('bounds method names from callers to [A-Za-z]{1,64}', async () => {
    const bot = newBot();
    await bot.telegram.callApi('sendMessage; DROP' as 'getMe', {}).catch(() => undefined);
    await bot.telegram.callApi('x'.repeat(65) as 'getMe', {}).catch(() => undefined);
    const names = telemetry.spans().map((s) => [s.name, s.attributes['telegram.api.method']]);
    expect(names).toEqual([
      ['telegram.api _OTHER', '_OTHER'],
      ['telegram.api _OTHER', '_OTHER'],
    ]);
  });

  it('survives throwing hooks, onBotToken and pseudonymiser', async () => {
    const previous = instrumentation.getConfig();
    instrumentation.setConfig({
      ...previous,
      updateHook: () => {
        throw new Error('update hook broke');
      },
      apiCallHook: () => {
        throw new Error('api hook broke');
      },
      onBotToken: () => {
        throw new Error('onBotToken broke');
      },
      pseudonymise: () => {
        throw new Error('pseudonymise broke');
      },
    });
    try {
      const bot = new Telegraf('987654321:AAHanotherTOKENforHookTest_0123456', {
        telegram: { apiRoot: api.apiRoot },
      });
      bot.on('text', (ctx) => ctx.reply('ok'));
      await bot.handleUpdate(textMessage('hi'));
      const [update] = updateSpans();
      expect(update?.attributes['telegram.update.outcome']).toBe('handled');
      expect(update?.attributes['telegram.user.hash']).toBeUndefined();
      expect(spanNamed(telemetry.spans(), 'telegram.api sendMessage')).toHaveLength(1);
    } finally {
      instrumentation.setConfig(previous);
    }
  });

  it('emits no log records with emitLogs: false', async () => {
    const previous = instrumentation.getConfig();
    instrumentation.setConfig({ ...previous, emitLogs: false });
    try {
      const bot = newBot();
      bot.on('text', () => {
        throw new Error('x');
      });
      bot.catch(() => {});
      await bot.handleUpdate(textMessage('hi'));
      expect(updateSpans()).toHaveLength(1);
      expect(telemetry.logs()).toHaveLength(0);
    } finally {
      instrumentation.setConfig(previous);
    }
  });

  it('lets telemetryMiddleware step aside when the instrumentation is active (no duplicates)', async () => {
    const bot = newBot();
    bot.use(
      telemetryMiddleware({
        tracerProvider: telemetry.tracerProvider,
        loggerProvider: telemetry.loggerProvider,
      }),
    );
    bot.on('text', (ctx) => ctx.reply('once'));
    await bot.handleUpdate(textMessage('hi'));
    expect(updateSpans()).toHaveLength(1);
    expect(spanNamed(telemetry.spans(), 'telegram.api sendMessage')).toHaveLength(1);
    expect(logsNamed(telemetry.logs(), 'telegram.update.handled')).toHaveLength(1);
  });

  it('offers a bot.catch() handler that prints no personal data and keeps the bot running', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const bot = newBot();
    bot.catch(safeErrorHandler);
    bot.on('text', () => {
      throw new Error('failed for CANARY-PERSON');
    });
    const update = textMessage('CANARY-TEXT from CANARY-PERSON');
    await expect(bot.handleUpdate(update)).resolves.toBeUndefined();
    const printed = stderr.mock.calls.map((call) => String(call[0])).join('');
    expect(printed).toMatch(
      new RegExp(
        `^Unhandled Error while processing update ${update.update_id} \\(message\\), reference [0-9a-f]{16}\n$`,
      ),
    );
    expect(updateSpans()[0]?.attributes['telegram.update.outcome']).toBe('error');
  });
});
