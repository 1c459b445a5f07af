// Realistic Bot API updates for tests.
import type { Update } from 'telegraf/types';

/** A fake bot token in Telegram's `<bot id>:<secret>` shape. */
export const TOKEN = '123456789:AAHfakeTOKENforTests_0123456789-abcd';

// Ids grow across the process: the fake Bot API serves an update only above the bot's offset.
let nextId = 1000;

export interface TextMessageOptions {
  /** Sender; default 424242. */
  userId?: number;
  /** Default: the sender's private chat; a negative id is a supergroup. */
  chatId?: number;
}

/** A text message update; a leading `/command` carries its `bot_command` entity. */
export function textMessage(text: string, options: TextMessageOptions = {}): Update.MessageUpdate {
  const userId = options.userId ?? 424242;
  const chatId = options.chatId ?? userId;
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 1 }]
    : undefined;
  return {
    update_id: nextId++,
    message: {
      message_id: nextId,
      date: 1_700_000_000,
      chat:
        chatId < 0
          ? { id: chatId, type: 'supergroup', title: 'Group title' }
          : { id: chatId, type: 'private', first_name: 'Ann', username: 'ann_user' },
      from: {
        id: userId,
        is_bot: false,
        first_name: 'Ann',
        last_name: 'Smith',
        username: 'ann_user',
      },
      text,
      ...(entities ? { entities } : {}),
    },
  } as Update.MessageUpdate;
}

/** A press on an inline keyboard button with callback `data`. */
export function callbackQuery(data: string, chatId = 424242): Update.CallbackQueryUpdate {
  return {
    update_id: nextId++,
    callback_query: {
      id: 'cbq-1',
      chat_instance: 'ci-1',
      from: { id: chatId, is_bot: false, first_name: 'Ann' },
      data,
      message: {
        message_id: 5,
        date: 1_700_000_000,
        chat: { id: chatId, type: 'private', first_name: 'Ann' },
        text: 'menu',
      },
    },
  };
}
