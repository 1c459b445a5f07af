import { normaliseKey } from './sensitive-keys.js';

/**
 * Query and fragment parameter names whose values are masked in URL attributes, beyond the
 * sensitive keys: one-time codes and signatures, and a Telegram Mini App's init data
 * (`tgWebAppData`, or its own `user`, `query_id`, `hash` parameters), which carries the user's
 * name, id and the data's signature.
 */
export const defaultSensitiveQueryParams: readonly string[] = Object.freeze([
  'code',
  'key',
  'auth',
  'sig',
  'hash',
  'otp',
  'initdata',
  'tgwebappdata',
  'user',
  'queryid',
  'receiver',
  'chatinstance',
]);

/** URL attributes, and the separator their value lacks (semconv stores the query without `?`). */
export const URL_KEYS: ReadonlyMap<string, string> = new Map([
  ['url.full', ''],
  ['http.url', ''],
  ['url.original', ''],
  ['http.target', ''],
  ['url.query', '?'],
  ['url.fragment', '#'],
]);

export const QUERY_PARAM_RULE = 'secret_query_param';
const MARKER = `[REDACTED:${QUERY_PARAM_RULE}]`;
const PARAM = /([?&;#])([^=&;#?\s]{1,128})=([^&;#\s]*)/g;

function decodedName(name: string): string {
  try {
    return normaliseKey(decodeURIComponent(name));
  } catch {
    return normaliseKey(name);
  }
}

/**
 * `url` with the values of sensitive query and fragment parameters masked. Only what follows the
 * first `?` or `#` is looked at; `prefix` is put in front first (a bare query, a bare fragment).
 */
export function maskQueryParams(
  url: string,
  prefix: string,
  isSensitiveName: (normalisedName: string) => boolean,
  record: () => void,
): string {
  const text = prefix + url;
  const start = text.search(/[?#]/);
  if (start < 0) return url;
  const masked = text
    .slice(start)
    .replace(PARAM, (whole, separator: string, name: string, value: string) => {
      if (value === '' || value === MARKER || !isSensitiveName(decodedName(name))) return whole;
      record();
      return `${separator}${name}=${MARKER}`;
    });
  return (text.slice(0, start) + masked).slice(prefix.length);
}
