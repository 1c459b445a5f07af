import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { Telegraf } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { setGlobalRedactionHooks, telemetryMiddleware } from '../src/index.js';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, spanNamed } from './support/telemetry.js';

// No TelegrafInstrumentation here: the no-patch path of a bundled app.
const telemetry = createTestTelemetry();

describe('global redaction hooks (what startTelemetry installs for the no-patch middleware)', () => {
  const api = useFakeBotApi();
  afterEach(() => setGlobalRedactionHooks(undefined));

  it('a middleware created without options reports the token and each update’s content', async () => {
    const tokens: string[] = [];
    const remembered: [string, readonly string[]][] = [];
    const finished: string[] = [];
    setGlobalRedactionHooks({
      onBotToken: (token) => tokens.push(token),
      updateContent: {
        remember: (traceId, values) => remembered.push([traceId, values]),
        finish: (traceId) => finished.push(traceId),
      },
    });
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.use(
      telemetryMiddleware({
        tracerProvider: telemetry.tracerProvider,
        loggerProvider: telemetry.loggerProvider,
      }),
    );
    bot.on('message', (ctx) => ctx.reply('ok'));
    await bot.handleUpdate(
      textMessage('my secret plans for tomorrow', { userId: 987654 }) as never,
    );

    expect(tokens).toEqual([TOKEN]);
    const [update] = spanNamed(telemetry.spans(), 'telegram.update message');
    const traceId = update?.spanContext().traceId;
    expect(remembered.map(([id]) => id)).toEqual([traceId]);
    expect(remembered[0]?.[1]).toEqual(
      expect.arrayContaining([
        'my secret plans for tomorrow',
        'Ann',
        'Smith',
        'ann_user',
        '987654',
      ]),
    );
    expect(finished).toEqual([traceId]);
  });

  it('options win over the global hooks, and nothing is reported once they are removed', async () => {
    const global: string[] = [];
    const local: string[] = [];
    setGlobalRedactionHooks({ onBotToken: (token) => global.push(token) });
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.use(telemetryMiddleware({ onBotToken: (token) => local.push(token) }));
    await bot.handleUpdate(textMessage('hello') as never);
    expect([global, local]).toEqual([[], [TOKEN]]);

    setGlobalRedactionHooks(undefined);
    const other = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    other.use(telemetryMiddleware());
    await other.handleUpdate(textMessage('hello') as never);
    expect(global).toEqual([]);
  });
});
