/**
 * The personal values an update carries, for a redactor to mask wherever the app's own code
 * writes them into the update's trace (logs of `ctx.update`, errors quoting the text, …). The
 * instrumentation itself never records them.
 */

// Strings under these keys are what people wrote or who they are.
const TEXT_KEYS = new Set([
  'text',
  'caption',
  'first_name',
  'last_name',
  'username',
  'title',
  'bio',
  'description',
  'phone_number',
  'email',
  'vcard',
  'address',
  'query',
  'data',
  'button_text',
  'question',
  'explanation',
  'name',
  'custom_title',
  'file_name',
  'performer',
  'author_signature',
  'invite_link',
  'invoice_payload',
  'shipping_option_id',
  'telegram_payment_charge_id',
  'provider_payment_charge_id',
  'game_short_name',
  'inline_message_id',
  'foursquare_id',
  'google_place_id',
  'street_line1',
  'street_line2',
  'city',
  'state',
  'post_code',
]);
// Raw ids of people and chats, and where they are.
const NUMBER_KEYS = new Set(['id', 'user_id', 'chat_id', 'user_chat_id', 'latitude', 'longitude']);
// Everything inside these is personal, whatever the key.
const WHOLE_SUBTREES = new Set(['passport_data', 'order_info', 'shipping_address', 'contact']);
// Keys whose values are never personal and may be short shared words (`private`, `bot_command`).
const SKIPPED_KEYS = new Set(['type', 'status', 'mime_type', 'entities', 'caption_entities']);

const MAX_DEPTH = 8;
const MAX_NODES = 2_000;
const MAX_VALUES = 256;

interface Walk {
  readonly values: Set<string>;
  nodes: number;
}

function addString(walk: Walk, key: string, value: string): void {
  walk.values.add(value);
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) walk.values.add(escaped);
  if (key === 'username') {
    walk.values.add(value.toLowerCase());
  }
}

function addNumber(walk: Walk, value: number): void {
  if (!Number.isFinite(value)) return;
  walk.values.add(String(value));
  if (value < 0) walk.values.add(String(-value));
}

function visit(walk: Walk, key: string, value: unknown, whole: boolean, depth: number): void {
  if (walk.nodes++ > MAX_NODES || walk.values.size >= MAX_VALUES || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (whole || TEXT_KEYS.has(key) || (key === 'id' && depth > 1)) addString(walk, key, value);
    return;
  }
  if (typeof value === 'number') {
    if (whole || NUMBER_KEYS.has(key)) addNumber(walk, value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) visit(walk, key, item, whole, depth + 1);
    return;
  }
  for (const [childKey, child] of Object.entries(value)) {
    if (SKIPPED_KEYS.has(childKey) && !whole) continue;
    visit(walk, childKey, child, whole || WHOLE_SUBTREES.has(childKey), depth + 1);
  }
}

/** The sensitive values of a raw update (bounded: at most 256 values, 2,000 nodes, depth 8). */
export function updateContent(update: unknown): string[] {
  const walk: Walk = { values: new Set(), nodes: 0 };
  try {
    if (typeof update === 'object' && update !== null && !Array.isArray(update)) {
      for (const [key, payload] of Object.entries(update)) {
        if (key !== 'update_id') visit(walk, key, payload, false, 1);
      }
    }
  } catch {
    // Hostile input (throwing getters, proxies): what was collected so far still counts.
  }
  return [...walk.values];
}
