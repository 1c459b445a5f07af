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
import { CHAT_TYPES, MESSAGE_TYPES, UPDATE_TYPE } from './vocabularies.js';

const MESSAGE_UPDATES = new Set([
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_message',
  'edited_business_message',
]);

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
