import { CARD, EMAIL, USER_ID } from './canaries.js';

const from = { id: USER_ID, is_bot: false, first_name: 'Canary', username: 'canary_user' };
const chat = { id: USER_ID, type: 'private', first_name: 'Canary' };

export function textUpdate(text: string): Record<string, unknown> {
  return { message: { message_id: 1, date: 1_700_000_000, from, chat, text } };
}

/** A text message full of personal data, and a command whose handler throws with it. */
export function canaryUpdates(): Record<string, unknown>[] {
  return [
    textUpdate(`hello, mail me at ${EMAIL}, card ${CARD}`),
    {
      message: {
        message_id: 2,
        date: 1_700_000_000,
        from,
        chat,
        text: `/boom ${CARD} ${EMAIL}`,
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    },
  ];
}
