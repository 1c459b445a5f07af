/**
 * The personal values an update carries, for a redactor to mask wherever the app's own code
 * writes them into the update's trace (logs of `ctx.update`, errors quoting the text, …). The
 * instrumentation itself never records them.
 */

// Strings under these keys are what people wrote or who they are.
const TEXT_KEYS = [
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
];
// Raw ids of people and chats, and where they are.
const NUMBER_KEYS = ['id', 'user_id', 'chat_id', 'user_chat_id', 'latitude', 'longitude'];
// Everything inside these is personal, whatever the key.
const WHOLE_SUBTREES = ['passport_data', 'order_info', 'shipping_address', 'contact'];
// Keys whose values are never personal and may be short shared words (`private`, `bot_command`).
const SKIPPED_KEYS = ['type', 'status', 'mime_type', 'entities', 'caption_entities'];

type KeyRole = 'text' | 'number' | 'whole' | 'skipped';
// One lookup per key on the walk (the lists above are disjoint).
const KEY_ROLES = new Map<string, KeyRole>([
  ...TEXT_KEYS.map((key) => [key, 'text'] as const),
  ...NUMBER_KEYS.map((key) => [key, 'number'] as const),
  ...WHOLE_SUBTREES.map((key) => [key, 'whole'] as const),
  ...SKIPPED_KEYS.map((key) => [key, 'skipped'] as const),
]);

const MAX_DEPTH = 8;
const MAX_NODES = 2_000;
const MAX_VALUES = 256;

interface Walk {
  readonly values: Set<string>;
  nodes: number;
}

/** Whether JSON.stringify escapes something in `value` (then it also shows up escaped). */
function needsEscaping(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return true;
  }
  return false;
}

function addString(walk: Walk, key: string, value: string): void {
  walk.values.add(value);
  if (needsEscaping(value)) walk.values.add(JSON.stringify(value).slice(1, -1));
  if (key === 'username') {
    walk.values.add(value.toLowerCase());
  }
}

function addNumber(walk: Walk, value: number): void {
  if (!Number.isFinite(value)) return;
  walk.values.add(String(value));
  if (value < 0) walk.values.add(String(-value));
}

function visit(
  walk: Walk,
  key: string,
  role: KeyRole | undefined,
  value: unknown,
  whole: boolean,
  depth: number,
): void {
  if (walk.nodes++ > MAX_NODES || walk.values.size >= MAX_VALUES || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (whole || role === 'text' || (key === 'id' && depth > 1)) addString(walk, key, value);
    return;
  }
  if (typeof value === 'number') {
    if (whole || role === 'number') addNumber(walk, value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) visit(walk, key, role, item, whole, depth + 1);
    return;
  }
  const fields = value as Record<string, unknown>;
  for (const childKey of Object.keys(fields)) {
    const childRole = KEY_ROLES.get(childKey);
    if (whole || (childRole !== undefined && childRole !== 'skipped')) {
      visit(walk, childKey, childRole, fields[childKey], whole || childRole === 'whole', depth + 1);
    } else if (childRole === undefined) {
      // Outside a personal subtree, only objects under other keys can hold a value to remember.
      const child = fields[childKey];
      if (typeof child === 'object' && child !== null) {
        visit(walk, childKey, undefined, child, false, depth + 1);
      } else walk.nodes++;
    }
  }
}

/** The sensitive values of a raw update (bounded: at most 256 values, 2,000 nodes, depth 8). */
export function updateContent(update: unknown): string[] {
  const walk: Walk = { values: new Set(), nodes: 0 };
  try {
    if (typeof update === 'object' && update !== null && !Array.isArray(update)) {
      const fields = update as Record<string, unknown>;
      for (const key of Object.keys(fields)) {
        if (key !== 'update_id') visit(walk, key, KEY_ROLES.get(key), fields[key], false, 1);
      }
    }
  } catch {
    // Hostile input (throwing getters, proxies): what was collected so far still counts.
  }
  return [...walk.values];
}
