/** A realistic fake bot token (Telegraf's own redaction needs the `\d+:` prefix). */
export const BOT_TOKEN = '123456789:AAHcanaryTOKENxx0123456789abcdefghij';
export const TOKEN_SECRET = BOT_TOKEN.split(':')[1] as string;
export const PSEUDONYM_KEY = 'pseudonym-key-canary-0123456789abcdefghijklmnop';
export const EMAIL = 'canary.leak@example.com';
export const CARD = '4111 1111 1111 1111';
export const USER_ID = 987_654_321;

/** Every form a leaked canary could take in the exported bytes. */
export function canaryForms(): Record<string, string[]> {
  const forms = (s: string): string[] => [
    s,
    encodeURIComponent(s),
    Buffer.from(s).toString('base64'),
  ];
  return {
    'bot token': [...forms(BOT_TOKEN), TOKEN_SECRET],
    'pseudonym key': forms(PSEUDONYM_KEY),
    email: forms(EMAIL),
    card: [CARD, CARD.replace(/ /g, '')],
    'user id': [String(USER_ID)],
  };
}

/** Names of the canaries found in `bytes` (any form). */
export function leakedCanaries(bytes: Buffer): string[] {
  return Object.entries(canaryForms())
    .filter(([, forms]) => forms.some((form) => bytes.includes(form)))
    .map(([name]) => name);
}
