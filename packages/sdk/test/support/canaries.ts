import { leakedCanaries as scanFor } from '@telegraf-otel/test-utils/canary-scanner';

/** A realistic fake bot token (Telegraf's own redaction needs the `\d+:` prefix). */
export const BOT_TOKEN = '123456789:AAHcanaryTOKENxx0123456789abcdefghij';
export const TOKEN_SECRET = BOT_TOKEN.split(':')[1] as string;
export const PSEUDONYM_KEY = 'pseudonym-key-canary-0123456789abcdefghijklmnop';
export const EMAIL = 'canary.leak@example.com';
export const CARD = '4111 1111 1111 1111';
export const USER_ID = 987_654_321;

/** The planted canaries by name, each with the strings that identify it. */
export const CANARIES = {
  'bot token': [BOT_TOKEN, TOKEN_SECRET],
  'pseudonym key': PSEUDONYM_KEY,
  email: EMAIL,
  card: [CARD, CARD.replace(/ /g, '')],
  'user id': String(USER_ID),
};

/** Names of the canaries found in `bytes`, in any encoding. */
export function leakedCanaries(bytes: Buffer): string[] {
  return scanFor(CANARIES, bytes);
}
