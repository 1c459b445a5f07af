/**
 * Default sensitive key fragments, compared against the key lower-cased with every
 * non-alphanumeric character removed (`API-Key`, `api_key` and `apiKey` all become `apikey`).
 * A key containing any fragment has its whole value replaced, at any nesting depth.
 */
export const defaultSensitiveKeys: readonly string[] = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'session',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'jwt',
  'bearer',
  'csrf',
  'xsrf',
  'signature',
  'phonenumber',
  'phone',
  'email',
  'creditcard',
  'cardnumber',
  'iban',
  'passport',
  'vcard',
  // An end user's IP address (semconv `client.address`, forwarded-for headers): personal data.
  'clientaddress',
  'clientip',
  'forwardedfor',
  'realip',
];

export const normaliseKey = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/** One regex over every fragment: a single scan per (cached) key. */
export function compileSensitiveKeys(fragments: readonly string[]): RegExp | undefined {
  const cleaned = [...new Set(fragments.map(normaliseKey).filter((f) => f.length > 0))];
  return cleaned.length === 0 ? undefined : new RegExp(cleaned.join('|'));
}
