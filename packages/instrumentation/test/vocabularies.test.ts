import { describe, expect, it } from 'vitest';
import { describeUpdate } from '../src/update-attributes.js';
import { ATTRIBUTE_VALUE_SHAPES, CHAT_TYPES, MESSAGE_TYPES } from '../src/vocabularies.js';

const UPDATE_TYPES = [
  'message',
  'edited_message',
  'channel_post',
  'business_message',
  'callback_query',
  'inline_query',
  'poll_answer',
  'my_chat_member',
  'chat_join_request',
];

/** A message of `messageType` in a chat of `chatType`, as Telegram sends it. */
function update(type: string, messageType: string, chatType: string) {
  const chat = { id: -100123, type: chatType };
  const from = { id: 42, is_bot: false, first_name: 'Private' };
  const message = {
    message_id: 1,
    date: 1_700_000_000,
    chat,
    from,
    [messageType]: messageType === 'text' ? '/start now' : {},
    ...(messageType === 'text'
      ? { entities: [{ type: 'bot_command', offset: 0, length: 6 }] }
      : {}),
  };
  const payload =
    type === 'callback_query'
      ? { id: '9', from, chat_instance: '1', data: 'x', message }
      : type === 'inline_query'
        ? { id: '9', from, query: 'q', offset: '', chat_type: chatType }
        : message;
  return { update_id: 7, [type]: payload };
}

function expectWithinShapes(attributes: Record<string, unknown>): number {
  let checked = 0;
  for (const [key, value] of Object.entries(attributes)) {
    const shape = ATTRIBUTE_VALUE_SHAPES[key];
    if (shape === undefined) continue;
    expect(String(value), key).toMatch(shape);
    checked++;
  }
  return checked;
}

describe('attribute value shapes (what a redactor may let pass unscanned)', () => {
  it('cover every bounded value describeUpdate writes', () => {
    let checked = 0;
    for (const type of UPDATE_TYPES) {
      for (const messageType of MESSAGE_TYPES) {
        for (const chatType of [...CHAT_TYPES, 'secret_chat_kind']) {
          const { attributes } = describeUpdate(
            update(type, messageType, chatType),
            undefined,
            (command) => command === 'start',
          );
          checked += expectWithinShapes(attributes);
        }
      }
    }
    // update type, messaging.* and, for messages, message type, chat type and the command.
    expect(checked).toBeGreaterThan(UPDATE_TYPES.length * MESSAGE_TYPES.length * 6 * 3);
  });

  it('hold nothing but their vocabulary: user text under these keys is not allowed', () => {
    const userWords = ['Private', 'ivan petrov', 'private ', 'handled!', '+79161234567', 'Message'];
    for (const [key, shape] of Object.entries(ATTRIBUTE_VALUE_SHAPES)) {
      for (const word of userWords) expect(shape.test(word), `${key}=${word}`).toBe(false);
    }
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.chat.type']?.test('private')).toBe(true);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.chat.type']?.test('privateer')).toBe(false);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.update.outcome']?.test('handled')).toBe(true);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.update.outcome']?.test('denied')).toBe(false);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.command']?.test('start')).toBe(true);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.command']?.test('a'.repeat(33))).toBe(false);
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.update.duration_ms']?.test('17.733169999999973')).toBe(
      true,
    );
    expect(ATTRIBUTE_VALUE_SHAPES['telegram.update.duration_ms']?.test('4111 1111')).toBe(false);
  });
});

describe('Bot API method shape', () => {
  const shape = ATTRIBUTE_VALUE_SHAPES['telegram.api.method'];

  it('passes the Bot API methods by their exact names, and _OTHER', () => {
    for (const method of ['sendMessage', 'answerCallbackQuery', 'getMe', '_OTHER']) {
      expect(shape?.test(method), method).toBe(true);
    }
  });

  it('refuses any other word, though it would fit a method name', () => {
    for (const word of ['Ann', 'sendmessage', 'sendMessageX', 'someNewMethod', '']) {
      expect(shape?.test(word), word).toBe(false);
    }
  });
});
