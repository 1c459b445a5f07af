import { ibanValid, luhnValid } from './checksums.js';

/**
 * A value pattern masked in place. `pattern` is used with the `g` flag; an optional named group
 * `keep` at the start of the match is kept (e.g. the `/bot` before a token) and only the rest is
 * replaced by `[REDACTED:<name>]`. `validate` can veto a candidate (checksums cut false positives).
 */
export interface ValueRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly validate?: (candidate: string) => boolean;
  /**
   * A cheap necessary condition: whenever `pattern` can match, `trigger` matches too. Lets the
   * engine skip the rule (and, when every rule has one, most strings) without running `pattern`.
   */
  readonly trigger?: RegExp;
}

// Percent-encoded separators (`%20`, `%2B`) carry digits that are not part of the number.
const digitsOnly = (s: string): string => s.replace(/%2[0Bb]/g, ' ').replace(/[^0-9]/g, '');

// Issuer prefixes of the card schemes, so Luhn-valid timestamps and ids are not taken for cards.
const CARD_PREFIX = /^(?:4|5[1-5]|2[2-7]|3[47]|3[068]|35|6011|64[4-9]|65|62|5[06-9]|6[0-9])/;

// The pattern may take in a trailing group that is not part of the number ("… 1111 2024"), so
// every length from the longest down is tried.
function isCardNumber(candidate: string): boolean {
  const digits = digitsOnly(candidate);
  if (!CARD_PREFIX.test(digits)) return false;
  for (let length = Math.min(19, digits.length); length >= 13; length--) {
    if (luhnValid(digits.slice(0, length))) return true;
  }
  return false;
}

function isPhoneNumber(candidate: string): boolean {
  const n = digitsOnly(candidate).length;
  return n >= 8 && n <= 15;
}

// A real domain has a label after a dot that starts with two letters (`user@localhost` does not).
const hasDomainLabel = (candidate: string): boolean =>
  /\.[A-Za-z]{2}/.test(candidate.slice(candidate.search(/@|%40/)));

// The pattern may swallow a trailing upper-case word ("… 00 OK"): accept any valid IBAN prefix.
function isIban(candidate: string): boolean {
  const compact = candidate.replace(/ /g, '');
  for (let length = compact.length; length >= 15; length--) {
    if (ibanValid(compact.slice(0, length))) return true;
  }
  return false;
}

/** Secret query-parameter names (the instrumentation-http list plus common credentials). */
const SECRET_QUERY_KEYS = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'secret_token',
  'client_secret',
  'secret',
  'api_key',
  'apikey',
  'key',
  'password',
  'passwd',
  'pwd',
  'auth',
  'code',
  'session',
  'sessionid',
  'sig',
  'signature',
  'awsaccesskeyid',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token',
  'x-goog-signature',
].join('|');

/**
 * Default value rules, most specific first: a later rule never sees what an earlier one masked.
 * Every pattern starts behind a lookbehind boundary so a long run of candidate characters is scanned
 * once, not from every position (the ReDoS test checks each pattern).
 */
export const defaultValueRules: readonly ValueRule[] = [
  {
    name: 'pem_private_key',
    trigger: /-----BEGIN/,
    // Up to the END line, or to the end of a value that was cut before it.
    pattern:
      /-----BEGIN[A-Z0-9 ]{0,64}PRIVATE KEY-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,64}PRIVATE KEY-----|$)/g,
  },
  {
    name: 'url_credentials',
    trigger: /:\/\//,
    pattern:
      /(?<keep>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)(?!\[REDACTED)[^\s/?#@"'<>[\]]+(?=@)/g,
  },
  {
    name: 'secret_query_param',
    trigger: /[?&;]/,
    pattern: new RegExp(`(?<keep>[?&;](?:${SECRET_QUERY_KEYS})=)(?!\\[REDACTED)[^&#\\s"']+`, 'gi'),
  },
  {
    name: 'telegram_token',
    trigger: /\/bot[0-9]/,
    // `/bot<id>:<secret>/` and `/file/bot…/`; also a URL cut inside the token.
    pattern: /(?<keep>\/(?:file\/)?bot)[0-9]{1,16}(?::[^\s/?#"'&]*|$)/g,
  },
  {
    name: 'telegram_token',
    trigger: /[0-9]{5}(?::|%(?:25)*3[Aa]|\\u003[Aa])/,
    // Bare, also with the colon percent-encoded once or more (a URL inside a URL) or as a `\u003a`
    // escape; real secrets start with `AA`, so a cut one is caught too.
    pattern:
      /(?<![0-9])[0-9]{5,16}(?::|%(?:25)*3[Aa]|\\u003[Aa])(?:AA[A-Za-z0-9_-]*|[A-Za-z0-9_-]{30,})/g,
  },
  {
    name: 'bearer_token',
    trigger: /bearer/i,
    pattern: /(?<keep>\bbearer[ \t]+)(?!\[REDACTED)[A-Za-z0-9._~+/-]+=*/gi,
  },
  {
    name: 'jwt',
    trigger: /eyJ/,
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  },
  {
    name: 'email',
    trigger: /@|%40/,
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g,
    validate: hasDomainLabel,
  },
  {
    name: 'payment_card',
    trigger: /[0-9](?:(?:[ -]|%20)?[0-9]){3}/,
    // Not next to hex digits, so trace and span ids are left alone; other letters may touch it
    // (JSON escapes such as `\n` put one right before a number), and a percent escape ends a word.
    pattern:
      /(?:(?<![0-9A-Fa-f])|(?<=%[0-9A-Fa-f]{2}))[0-9](?:(?:[ -]|%20)?[0-9]){12,18}(?![0-9A-Fa-f])/g,
    validate: isCardNumber,
  },
  {
    name: 'iban',
    trigger: /[A-Z]{2}[0-9]{2}/,
    pattern: /(?<![A-Z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])/g,
    validate: isIban,
  },
  {
    name: 'phone_number',
    trigger: /\+|%2[Bb]|tel:/,
    // International form only (`+`, `%2B` or `tel:`): bare digit runs are ids and timestamps far more often.
    pattern: /(?:\+|%2[Bb]|tel:\+?)[0-9](?:(?:[ .()-]|%20){0,2}[0-9]){6,14}(?![0-9])/g,
    validate: isPhoneNumber,
  },
];
