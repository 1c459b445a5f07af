import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument } from './support/telemetry.js';

const telemetry = createTestTelemetry();
instrument(telemetry, { pseudonymise: (kind, id) => `${kind}:${id}` });
const { Telegraf } = await import('telegraf');

function nested(depth: number) {
  let value: Record<string, unknown> = { text: 'bottom' };
  for (let i = 0; i < depth; i++) value = { message_id: i, reply_to_message: value };
  return value;
}

const bigText = `/start ${'x'.repeat(1024 * 1024)}`;
const cases: [string, unknown][] = [
  ['an unknown update type', { update_id: 1, brand_new_update: { id: 'z' } }],
  ['an update without payload', { update_id: 2 }],
  ['an empty object', {}],
  ['null', null],
  ['a 1 MB text', textMessage(bigText)],
  [
    'a deeply nested message',
    { update_id: 3, message: { ...nested(5000), chat: { id: 1, type: 'private' } } },
  ],
  [
    'a __proto__ key',
    JSON.parse(
      '{"update_id":4,"__proto__":{"isAdmin":true},"message":{"text":"hi","chat":{"id":1}}}',
    ),
  ],
  [
    'non-string and out-of-range values',
    {
      update_id: 'five',
      message: {
        text: 42,
        entities: [{ type: 'bot_command', offset: '0', length: -1 }],
        chat: { id: 'not-a-number', type: ['private'] },
        from: { id: Number.MAX_VALUE },
      },
    },
  ],
  ['entities that are not an array', { update_id: 6, message: { text: '/x', entities: { 0: 1 } } }],
];

describe('bad input is contained', () => {
  const api = useFakeBotApi();
  let bot: InstanceType<typeof Telegraf>;
  beforeAll(() => {
    bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    bot.on('message', () => undefined);
    bot.catch(() => undefined); // Telegraf itself chokes on some of these
  });
  beforeEach(() => telemetry.reset());

  it.each(cases)(
    '%s: the bot behaves as without instrumentation, and a span is emitted',
    async (_, update) => {
      // Reference behaviour: the same update through the unpatched handleUpdate.
      const unpatched = (
        Telegraf.prototype.handleUpdate as unknown as { __original: typeof bot.handleUpdate }
      ).__original;
      const expected = await unpatched.call(bot, update as never).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: (error as Error).constructor }),
      );
      telemetry.reset();
      const actual = await bot.handleUpdate(update as never).then(
        (value) => ({ value }),
        (error: unknown) => ({ error: (error as Error).constructor }),
      );
      expect(actual).toEqual(expected);

      const spans = telemetry.spans().filter((s) => s.name.startsWith('telegram.update '));
      expect(spans).toHaveLength(1);
      const [span] = spans;
      expect(span?.name).toMatch(/^telegram\.update (?:[a-z][a-z_]*|_OTHER)$/);
      expect(span?.attributes['telegram.update.outcome']).toMatch(/^(?:handled|error)$/);
      // Nothing of the payload is copied: the span stays small even for a 1 MB message.
      expect(JSON.stringify({ a: span?.attributes, e: span?.events }).length).toBeLessThan(4096);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
  );

  it('names the span after the update type, bounded', async () => {
    await bot.handleUpdate({ update_id: 9, brand_new_update: {} } as never);
    await bot.handleUpdate(JSON.parse('{"update_id":10,"__proto__":{}}'));
    await bot.handleUpdate(textMessage(bigText) as never);
    const names = telemetry.spans().map((s) => [s.name, s.attributes['telegram.command']]);
    expect(names).toEqual([
      ['telegram.update brand_new_update', undefined],
      ['telegram.update _OTHER', undefined],
      // `/start` was never registered by this bot: user content, not a command.
      ['telegram.update message', '_OTHER'],
    ]);
  });
});
