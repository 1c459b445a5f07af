// The bounded vocabularies of the instrumentation's attributes: what it may write under each, and,
// for a redactor, the exact values that can pass unscanned (they carry no user content even when a
// user's name or text happens to be one of these words).
import { BOT_API_METHODS } from './bot-api-methods.js';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_TELEGRAM_API_METHOD,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_MESSAGE_TYPE,
  ATTR_TELEGRAM_UPDATE_DURATION_MS,
  ATTR_TELEGRAM_UPDATE_OUTCOME,
  ATTR_TELEGRAM_UPDATE_TYPE,
  MESSAGING_OPERATION_PROCESS,
  MESSAGING_SYSTEM_TELEGRAM,
  OTHER,
  UPDATE_OUTCOME_ERROR,
  UPDATE_OUTCOME_HANDLED,
  UPDATE_OUTCOME_TIMEOUT,
} from './semconv.js';

/** Update keys are chosen by Telegram; the shape bound keeps a forged key from exploding cardinality. */
export const UPDATE_TYPE = /^[a-z][a-z_]{0,63}$/;

/** Bot API method names (`sendMessage`); anything else is recorded as `_OTHER`. */
export const API_METHOD = /^[A-Za-z]{1,64}$/;

/** The update types of the Bot API (9.x); a newer one is still recorded, only not allowlisted. */
export const KNOWN_UPDATE_TYPES = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_connection',
  'business_message',
  'edited_business_message',
  'deleted_business_messages',
  'message_reaction',
  'message_reaction_count',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'purchased_paid_media',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
  'chat_boost',
  'removed_chat_boost',
];

// Order matters: an animation also carries `document`, a venue also carries `location`.
export const MESSAGE_TYPES = [
  'text',
  'animation',
  'photo',
  'video',
  'video_note',
  'voice',
  'audio',
  'document',
  'sticker',
  'story',
  'paid_media',
  'contact',
  'dice',
  'game',
  'poll',
  'venue',
  'location',
  'invoice',
  'successful_payment',
  'refunded_payment',
  'users_shared',
  'chat_shared',
  'new_chat_members',
  'left_chat_member',
  'new_chat_title',
  'new_chat_photo',
  'delete_chat_photo',
  'group_chat_created',
  'supergroup_chat_created',
  'channel_chat_created',
  'message_auto_delete_timer_changed',
  'migrate_to_chat_id',
  'migrate_from_chat_id',
  'pinned_message',
  'connected_website',
  'write_access_allowed',
  'passport_data',
  'proximity_alert_triggered',
  'boost_added',
  'forum_topic_created',
  'forum_topic_edited',
  'forum_topic_closed',
  'forum_topic_reopened',
  'general_forum_topic_hidden',
  'general_forum_topic_unhidden',
  'giveaway_created',
  'giveaway',
  'giveaway_winners',
  'giveaway_completed',
  'video_chat_scheduled',
  'video_chat_started',
  'video_chat_ended',
  'video_chat_participants_invited',
  'web_app_data',
] as const;

export const CHAT_TYPES: ReadonlySet<string> = new Set([
  'private',
  'group',
  'supergroup',
  'channel',
  'sender',
]);

const oneOf = (values: Iterable<string>): RegExp =>
  new RegExp(`^(?:${[...values, OTHER].join('|')})$`);

/**
 * Per attribute, a pattern matching in full exactly the values the instrumentation writes there:
 * closed word lists (Bot API methods by their exact names: any word fits `[A-Za-z]+`), a
 * registered command (Telegram allows `[a-z0-9_]{1,32}`; stored lower-case), a duration in
 * milliseconds.
 */
export const ATTRIBUTE_VALUE_SHAPES: Readonly<Record<string, RegExp>> = Object.freeze({
  [ATTR_TELEGRAM_UPDATE_TYPE]: oneOf(KNOWN_UPDATE_TYPES),
  [ATTR_TELEGRAM_MESSAGE_TYPE]: oneOf(MESSAGE_TYPES),
  [ATTR_TELEGRAM_CHAT_TYPE]: oneOf(CHAT_TYPES),
  [ATTR_MESSAGING_DESTINATION_NAME]: oneOf(CHAT_TYPES),
  [ATTR_MESSAGING_SYSTEM]: oneOf([MESSAGING_SYSTEM_TELEGRAM]),
  [ATTR_MESSAGING_OPERATION_TYPE]: oneOf([MESSAGING_OPERATION_PROCESS]),
  [ATTR_TELEGRAM_UPDATE_OUTCOME]: oneOf([
    UPDATE_OUTCOME_HANDLED,
    UPDATE_OUTCOME_ERROR,
    UPDATE_OUTCOME_TIMEOUT,
  ]),
  [ATTR_TELEGRAM_API_METHOD]: oneOf(BOT_API_METHODS),
  [ATTR_TELEGRAM_COMMAND]: /^(?:[a-z0-9_]{1,32}|_OTHER)$/,
  [ATTR_TELEGRAM_UPDATE_DURATION_MS]: /^[0-9]{1,12}(?:\.[0-9]{1,20})?$/,
});
