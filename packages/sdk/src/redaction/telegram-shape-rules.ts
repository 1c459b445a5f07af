import { CHAT_TYPES } from '@telegraf-otel/instrumentation';
import type { ShapeRule } from '@telegraf-otel/redaction';

/**
 * Telegram Bot API objects as an app may log them (`ctx.update`, `ctx.from`, `ctx.message`, …):
 * the fields that carry what a person wrote or who they are. Nested objects (a message's `from`,
 * `chat`, `contact`, `location`) match their own shapes, so one object logged whole is covered.
 */
export const telegramShapeRules: readonly ShapeRule[] = Object.freeze([
  {
    name: 'user',
    whenKeys: ['id', 'is_bot', 'first_name'],
    fields: ['id', 'first_name', 'last_name', 'username', 'language_code'],
  },
  {
    name: 'chat',
    whenKeys: ['id', 'type'],
    test: (chat) => typeof chat.type === 'string' && CHAT_TYPES.has(chat.type),
    fields: [
      'id',
      'title',
      'username',
      'first_name',
      'last_name',
      'bio',
      'description',
      'invite_link',
      'active_usernames',
      'birthdate',
      'business_location',
      'personal_chat',
    ],
  },
  {
    name: 'message',
    whenKeys: ['message_id', 'date'],
    fields: [
      'text',
      'caption',
      'entities',
      'caption_entities',
      'quote',
      'contact',
      'location',
      'venue',
      'web_app_data',
      'poll',
      'author_signature',
      'connected_website',
      'successful_payment',
      'passport_data',
      'users_shared',
      'chat_shared',
      'sender_business_bot',
      'link_preview_options',
    ],
  },
  {
    name: 'contact',
    whenKeys: ['phone_number', 'first_name'],
    fields: ['phone_number', 'first_name', 'last_name', 'user_id', 'vcard'],
  },
  { name: 'location', whenKeys: ['latitude', 'longitude'], fields: ['latitude', 'longitude'] },
  {
    name: 'venue',
    whenKeys: ['location', 'title', 'address'],
    fields: ['location', 'title', 'address', 'foursquare_id', 'google_place_id'],
  },
  {
    name: 'callback_query',
    whenKeys: ['id', 'from', 'chat_instance'],
    fields: ['data', 'inline_message_id', 'game_short_name'],
  },
  {
    name: 'inline_query',
    whenKeys: ['id', 'from', 'query', 'offset'],
    fields: ['query', 'location'],
  },
  {
    name: 'chosen_inline_result',
    whenKeys: ['result_id', 'from', 'query'],
    fields: ['query', 'location', 'inline_message_id'],
  },
  { name: 'web_app_data', whenKeys: ['data', 'button_text'], fields: ['data', 'button_text'] },
  {
    name: 'shipping_address',
    whenKeys: ['country_code', 'city', 'street_line1'],
    fields: ['country_code', 'state', 'city', 'street_line1', 'street_line2', 'post_code'],
  },
  {
    name: 'payment',
    whenKeys: ['currency', 'total_amount', 'invoice_payload'],
    fields: [
      'invoice_payload',
      'order_info',
      'shipping_address',
      'telegram_payment_charge_id',
      'provider_payment_charge_id',
    ],
  },
  {
    name: 'chat_join_request',
    whenKeys: ['chat', 'from', 'user_chat_id', 'date'],
    fields: ['user_chat_id', 'bio', 'invite_link'],
  },
]);
