import type { Attributes } from '@opentelemetry/api';
import { parseCommand } from './command.js';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_MESSAGE_TYPE,
  ATTR_TELEGRAM_UPDATE_ID,
  ATTR_TELEGRAM_UPDATE_TYPE,
  ATTR_TELEGRAM_USER_HASH,
  MESSAGING_OPERATION_PROCESS,
  MESSAGING_SYSTEM_TELEGRAM,
  OTHER,
} from './semconv.js';
import type { Pseudonymise } from './types.js';

/** Update keys are chosen by Telegram; the shape bound keeps a forged key from exploding cardinality. */
const UPDATE_TYPE = /^[a-z][a-z_]{0,63}$/;

const MESSAGE_UPDATES = new Set([
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_message',
  'edited_business_message',
]);

// Order matters: an animation also carries `document`, a venue also carries `location`.
const MESSAGE_TYPES = [
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

const CHAT_TYPES = new Set(['private', 'group', 'supergroup', 'channel', 'sender']);

type Fields = Record<string, unknown>;

export interface UpdateDescription {
  /** Bounded update type, also used in the span name. */
  type: string;
  id: number | undefined;
  attributes: Attributes;
}

/** Whether a command is one the bot registered; anything else a user typed is recorded as `_OTHER`. */
export type IsRegisteredCommand = (command: string) => boolean;

const noCommands: IsRegisteredCommand = () => false;

/**
 * Describes a raw update with bounded, content-free attributes only: types, the bare command (when
 * registered, else `_OTHER`) and, through `pseudonymise`, keyed pseudonyms of the user and chat
 * ids. Never text, names or raw ids.
 */
export function describeUpdate(
  update: unknown,
  pseudonymise?: Pseudonymise,
  isRegisteredCommand: IsRegisteredCommand = noCommands,
): UpdateDescription {
  try {
    return describe(update, pseudonymise, isRegisteredCommand);
  } catch {
    // Hostile input (throwing getters, revoked proxies): still one span, with nothing but `_OTHER`.
    return { type: OTHER, id: undefined, attributes: typeAttributes(OTHER) };
  }
}

function describe(
  update: unknown,
  pseudonymise: Pseudonymise | undefined,
  isRegisteredCommand: IsRegisteredCommand,
): UpdateDescription {
  if (!isFields(update)) return { type: OTHER, id: undefined, attributes: typeAttributes(OTHER) };
  const rawType = updateTypeOf(update);
  const type = rawType !== undefined && UPDATE_TYPE.test(rawType) ? rawType : OTHER;
  const attributes = typeAttributes(type);
  const id = Number.isSafeInteger(update.update_id) ? (update.update_id as number) : undefined;
  if (id !== undefined) attributes[ATTR_TELEGRAM_UPDATE_ID] = id;
  const payload = rawType === undefined ? undefined : update[rawType];
  if (!isFields(payload)) return { type, id, attributes };

  const message = MESSAGE_UPDATES.has(type) ? payload : undefined;
  if (message) {
    attributes[ATTR_TELEGRAM_MESSAGE_TYPE] = messageTypeOf(message);
    const command = type === 'message' ? parseCommand(message) : undefined;
    if (command !== undefined) {
      attributes[ATTR_TELEGRAM_COMMAND] = isRegisteredCommand(command)
        ? command.toLowerCase()
        : OTHER;
    }
  }
  const chat = chatOf(type, payload);
  const chatType = chat ? chat.type : type === 'inline_query' ? payload.chat_type : undefined;
  if (chatType !== undefined) {
    const boundedChatType =
      typeof chatType === 'string' && CHAT_TYPES.has(chatType) ? chatType : OTHER;
    attributes[ATTR_TELEGRAM_CHAT_TYPE] = boundedChatType;
    attributes[ATTR_MESSAGING_DESTINATION_NAME] = boundedChatType;
  }
  if (pseudonymise) {
    const user = isFields(payload.from)
      ? payload.from
      : isFields(payload.user)
        ? payload.user
        : undefined;
    setIfDefined(attributes, ATTR_TELEGRAM_USER_HASH, pseudonym(pseudonymise, 'user', user?.id));
    setIfDefined(attributes, ATTR_TELEGRAM_CHAT_HASH, pseudonym(pseudonymise, 'chat', chat?.id));
  }
  return { type, id, attributes };
}

function typeAttributes(type: string): Attributes {
  return {
    [ATTR_TELEGRAM_UPDATE_TYPE]: type,
    [ATTR_MESSAGING_SYSTEM]: MESSAGING_SYSTEM_TELEGRAM,
    [ATTR_MESSAGING_OPERATION_TYPE]: MESSAGING_OPERATION_PROCESS,
  };
}

// Telegraf's `Context.updateType`: the first own key whose value is an object.
function updateTypeOf(update: Fields): string | undefined {
  for (const key in update) {
    if (Object.hasOwn(update, key) && typeof update[key] === 'object' && update[key] !== null) {
      return key;
    }
  }
  return undefined;
}

function messageTypeOf(message: Fields): string {
  for (const key of MESSAGE_TYPES) {
    if (Object.hasOwn(message, key) && message[key] !== undefined) return key;
  }
  return OTHER;
}

function chatOf(type: string, payload: Fields): Fields | undefined {
  if (isFields(payload.chat)) return payload.chat;
  // A callback query's chat is the one of the message carrying the button.
  if (type === 'callback_query' && isFields(payload.message) && isFields(payload.message.chat)) {
    return payload.message.chat;
  }
  return undefined;
}

function pseudonym(pseudonymise: Pseudonymise, kind: 'user' | 'chat', id: unknown) {
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
  try {
    const value: unknown = pseudonymise(kind, id);
    return typeof value === 'string' ? value : undefined;
  } catch {
    // A failing pseudonymiser drops the attribute; it never falls back to the raw id.
    return undefined;
  }
}

function setIfDefined(attributes: Attributes, key: string, value: string | undefined): void {
  if (value !== undefined) attributes[key] = value;
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
