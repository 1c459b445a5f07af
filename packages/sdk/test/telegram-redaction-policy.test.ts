import {
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_UPDATE_ID,
  ATTR_TELEGRAM_USER_HASH,
} from '@telegraf-otel/instrumentation';
import { createPseudonymiser, createRedactor, defaultPolicy } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { withTelegramRedaction } from '../src/redaction/telegram-redaction-policy.js';

const pseudonymiser = createPseudonymiser({ key: 'k'.repeat(32), keyVersion: 3 });
const redactor = createRedactor(withTelegramRedaction(defaultPolicy, pseudonymiser.pattern));
const TOKEN = '123456789:AAHpolicyTESTtoken_0123456789abcdefgh';

describe('the Telegram policy the SDK composes over the generic one', () => {
  it('lets the pseudonyms and the update id pass unscanned', () => {
    const attributes = {
      [ATTR_TELEGRAM_USER_HASH]: pseudonymiser.pseudonymise('user', 4111111111111111),
      [ATTR_TELEGRAM_CHAT_HASH]: pseudonymiser.pseudonymise('chat', 42),
      [ATTR_TELEGRAM_UPDATE_ID]: 987654321,
    };
    expect(redactor.redactAttributes(attributes)).toBe(attributes);
  });

  it.each([
    [ATTR_TELEGRAM_USER_HASH, TOKEN],
    [ATTR_TELEGRAM_USER_HASH, 'v1:0123456789abcdef'],
    [ATTR_TELEGRAM_CHAT_HASH, 'alice@example.com'],
    [ATTR_TELEGRAM_CHAT_HASH, 42],
    [ATTR_TELEGRAM_UPDATE_ID, '987654321'],
  ])('masks %j = %j, which is not the type and shape the instrumentation writes', (key, value) => {
    expect(redactor.redactAttributes({ [key]: value })).toMatchObject({
      [key]: '[REDACTED:unexpected_shape]',
    });
  });

  it('replaces the personal fields of a logged Bot API update by key', () => {
    const from = { id: 42, is_bot: false, first_name: 'Ada', username: 'ada_l' };
    const update = {
      update_id: 7,
      message: { message_id: 1, date: 1, from, chat: { id: 42, type: 'private' }, text: 'hi' },
    };
    const personal = '[REDACTED:personal_field]';
    expect(redactor.redactValue(update)).toEqual({
      update_id: 7,
      message: {
        message_id: 1,
        date: 1,
        from: { id: personal, is_bot: false, first_name: personal, username: personal },
        chat: { id: personal, type: 'private' },
        text: personal,
      },
    });
  });
});
