import { callbackQuery, TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../src/command.js';
import { scrubException } from '../src/scrub-error.js';
import { describeUpdate } from '../src/update-attributes.js';

const ALLOWED_KEYS = new Set([
  'telegram.update.id',
  'telegram.update.type',
  'telegram.message.type',
  'telegram.chat.type',
  'telegram.command',
  'telegram.user.hash',
  'telegram.chat.hash',
  'messaging.system',
  'messaging.operation.type',
  'messaging.destination.name',
]);

/** The messaging semantic conventions every update span carries. */
const MESSAGING = { 'messaging.system': 'telegram', 'messaging.operation.type': 'process' };

/** Every attribute a description may hold is bounded by construction. */
function expectBounded(attributes: Record<string, unknown>) {
  for (const [key, value] of Object.entries(attributes)) {
    expect(ALLOWED_KEYS.has(key)).toBe(true);
    if (key === 'telegram.update.id') expect(Number.isSafeInteger(value)).toBe(true);
    else expect(value).toMatch(/^(?:[a-z][a-z_]{0,63}|_OTHER|[A-Za-z0-9_]{1,32}|(user|chat):\d+)$/);
  }
}

describe('parseCommand (Telegraf rule)', () => {
  const msg = (text: string, entity: unknown) => ({ text, entities: [entity] });
  it.each([
    ['/start', { type: 'bot_command', offset: 0, length: 6 }, 'start'],
    ['/start@my_bot payload', { type: 'bot_command', offset: 0, length: 13 }, 'start'],
    ['/Start_2 a b', { type: 'bot_command', offset: 0, length: 8 }, 'Start_2'],
    ['hi /start', { type: 'bot_command', offset: 3, length: 6 }, undefined],
    ['/start', { type: 'mention', offset: 0, length: 6 }, undefined],
    ['/приве', { type: 'bot_command', offset: 0, length: 6 }, undefined],
    [`/${'a'.repeat(33)}`, { type: 'bot_command', offset: 0, length: 34 }, undefined],
    ['/a', { type: 'bot_command', offset: '0', length: 2 }, undefined],
    ['/', { type: 'bot_command', offset: 0, length: 1 }, undefined],
  ])('%s → %s', (text, entity, expected) => {
    expect(parseCommand(msg(text, entity))).toBe(expected);
  });
  it('never returns arguments, even of a 1 MB message', () => {
    const text = `/run ${'secret-argument '.repeat(65_536)}`;
    expect(parseCommand(msg(text, { type: 'bot_command', offset: 0, length: 4 }))).toBe('run');
    expect(parseCommand(msg(text, { type: 'bot_command', offset: 0, length: text.length }))).toBe(
      undefined,
    );
  });
});

describe('describeUpdate', () => {
  const pseudonymise = (kind: 'user' | 'chat', id: number) => `${kind}:${Math.abs(id) % 1000}`;

  it('describes messages and callback queries with bounded attributes only', () => {
    const text = describeUpdate(
      textMessage('/go now', { chatId: -1001, userId: 7 }),
      pseudonymise,
      (command) => command === 'go',
    );
    expect(text.type).toBe('message');
    expect(text.attributes).toEqual({
      ...MESSAGING,
      'telegram.update.id': text.id,
      'telegram.update.type': 'message',
      'telegram.message.type': 'text',
      'telegram.chat.type': 'supergroup',
      'messaging.destination.name': 'supergroup',
      'telegram.command': 'go',
      'telegram.user.hash': 'user:7',
      'telegram.chat.hash': 'chat:1',
    });
    const unregistered = describeUpdate(textMessage('/ivan_petrov_79161234567'), pseudonymise);
    expect(unregistered.attributes['telegram.command']).toBe('_OTHER');
    const callback = describeUpdate(callbackQuery('data'));
    expect(callback.attributes).toEqual({
      ...MESSAGING,
      'telegram.update.id': callback.id,
      'telegram.update.type': 'callback_query',
      'telegram.chat.type': 'private',
      'messaging.destination.name': 'private',
    });
  });

  it('orders message types (animation before document, venue before location)', () => {
    const message = (fields: object) =>
      describeUpdate({ update_id: 1, message: fields }).attributes;
    expect(message({ animation: {}, document: {} })['telegram.message.type']).toBe('animation');
    expect(message({ venue: {}, location: {} })['telegram.message.type']).toBe('venue');
    expect(message({ something_new: {} })['telegram.message.type']).toBe('_OTHER');
    expect(
      describeUpdate({ inline_query: { chat_type: 'sender' } }).attributes['telegram.chat.type'],
    ).toBe('sender');
  });

  it('contains hostile input', () => {
    const hostile = {
      get message() {
        throw new Error('getter exploded');
      },
    };
    expect(describeUpdate(hostile).attributes).toEqual({
      ...MESSAGING,
      'telegram.update.type': '_OTHER',
    });
    const proto = JSON.parse(
      '{"update_id": 3, "__proto__": {"polluted": 1}, "message": {"text": 1}}',
    );
    expect(describeUpdate(proto).type).toBe('_OTHER');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const odd = describeUpdate(
      {
        update_id: 1.5,
        message: {
          chat: { id: '12', type: 42 },
          from: { id: 2 ** 60 },
          text: ['x'],
          entities: 'x',
        },
      },
      pseudonymise,
    );
    expect(odd.attributes).toEqual({
      ...MESSAGING,
      'telegram.update.type': 'message',
      'telegram.message.type': 'text',
      'telegram.chat.type': '_OTHER',
      'messaging.destination.name': '_OTHER',
    });
  });

  it('never throws and stays bounded for arbitrary JSON-like input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 4 }),
          fc.record({
            update_id: fc.anything(),
            message: fc.record({
              text: fc.anything(),
              entities: fc.anything(),
              chat: fc.anything(),
              from: fc.anything(),
            }),
          }),
        ),
        (update) => {
          const { type, attributes } = describeUpdate(update, pseudonymise);
          expect(type).toBe(attributes['telegram.update.type']);
          expectBounded(attributes);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('scrubException', () => {
  it('copies name, message and stack only, with the token removed, leaving the error intact', () => {
    const error = Object.assign(
      new Error(`401 for /bot${TOKEN}/getMe and /file/bot${TOKEN}/a.jpg`),
      {
        on: { method: 'sendMessage', payload: { text: 'private words' } },
      },
    );
    const scrubbed = scrubException(error, TOKEN);
    expect(Object.keys(scrubbed).sort()).toEqual(['message', 'name', 'stack']);
    expect(scrubbed.message).toBe('401 for /bot[REDACTED]/getMe and /file/bot[REDACTED]/a.jpg');
    expect(scrubbed.stack).not.toContain(TOKEN);
    expect(JSON.stringify(scrubbed)).not.toContain('private words');
    expect(error.message).toContain(TOKEN);
  });

  it('removes token-shaped strings even when the exact token is unknown, and bounds lengths', () => {
    const scrubbed = scrubException(
      new Error(`x 555555:${'A'.repeat(35)} ${'y'.repeat(5000)}`),
      undefined,
    );
    expect(scrubbed.message.startsWith('x [REDACTED] yyy')).toBe(true);
    expect(scrubbed.message.length).toBeLessThanOrEqual(1025);
  });

  it('removes URL-encoded tokens and the bare secret part', () => {
    const secret = TOKEN.slice(TOKEN.indexOf(':') + 1);
    const nested = `https%3A%2F%2Fh%2Fbot${TOKEN.replace(':', '%253A')}%2FgetMe`;
    const message = scrubException(new Error(`u=${nested} BOT_SECRET=${secret}`), TOKEN).message;
    expect(message).not.toContain(secret);
    expect(message).toBe('u=https%3A%2F%2Fh%2Fbot[REDACTED]%2FgetMe BOT_SECRET=[REDACTED]');
    const unknownToken = scrubException(new Error(TOKEN.replace(':', '%3A')), undefined).message;
    expect(unknownToken).toBe('[REDACTED]');
  });

  it('handles thrown non-errors and hostile errors', () => {
    expect(scrubException(`str ${TOKEN}`, TOKEN)).toEqual({
      name: 'Error',
      message: 'str [REDACTED]',
    });
    const hostile = {
      get message(): string {
        throw new Error('no');
      },
      name: 'Weird',
    };
    expect(scrubException(hostile, TOKEN)).toEqual({ name: 'Weird', message: '' });
  });
});
