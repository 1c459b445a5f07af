/** A private-chat text message update as the Bot API delivers it (`update_id` is filled in by the fake API). */
export function textMessageUpdate(text: string, userId = 424_242): Record<string, unknown> {
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]?.length ?? 1 }]
    : undefined;
  return {
    message: {
      message_id: Math.floor(Math.random() * 1_000_000),
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: 'private', first_name: 'Ann', username: 'ann_user' },
      from: { id: userId, is_bot: false, first_name: 'Ann', username: 'ann_user' },
      text,
      ...(entities ? { entities } : {}),
    },
  };
}
