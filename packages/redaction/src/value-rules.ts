import {
  authorizationRules,
  cookieHeaderRule,
  secretAssignmentRule,
  vendorKeyRules,
} from './rules/credentials.js';
import { cutPersonalDataRules } from './rules/cut-personal-data.js';
import { EMAIL_LETTERS } from './rules/email-characters.js';
import { ibanRule } from './rules/iban.js';
import { groupedPaymentCardRule, paymentCardRule } from './rules/payment-card.js';
import { phoneNumberRules } from './rules/phone-number.js';

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

// A real domain has a label after a dot that starts with two letters (`user@localhost` does not),
// in any script (`пример.рф`).
const hasDomainLabel = (candidate: string): boolean =>
  /\.\p{L}[\p{L}\p{M}]/u.test(candidate.slice(candidate.search(/@|%40/)));

// A bare token's secret starts with `AA`, or is random enough to hold a digit; an XML type name
// after a namespace id (`clm54321:AgencyIdentificationCodeContentType`) is neither.
const isTokenSecret = (candidate: string): boolean => {
  const secret = candidate.replace(/^[0-9]+(?::|%(?:25)*3[Aa]|\\u003[Aa])/, '');
  return secret.startsWith('AA') || /[0-9]/.test(secret);
};

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
  // One-time passwords, and a Mini App's init data (names, ids and its hash).
  'otp',
  'initdata',
  'tgwebappdata',
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
    // PEM and PGP, up to the END line or to the end of a value that was cut before it.
    pattern:
      /-----BEGIN[A-Z0-9 ]{0,64}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]{0,64}PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    name: 'url_credentials',
    trigger: /:\/\//,
    pattern:
      /(?<keep>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/)(?!\[REDACTED)[^\s/?#@"'<>[\]]+(?=@)/g,
  },
  {
    name: 'url_credentials',
    trigger: /%(?:25)*3[Aa]%(?:25)*2[Ff]%(?:25)*2[Ff]/,
    // The same in a percent-encoded URL (a URL inside a query parameter, once or more):
    // `https%3A%2F%2Fuser%3Apass%40host`, to the last `@` before the host (a password may hold one);
    // a bare `&` ends the parameter that holds it.
    pattern:
      /(?<keep>(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}%(?:25)*3[Aa]%(?:25)*2[Ff]%(?:25)*2[Ff])(?!\[REDACTED)(?:[^\s/?#@%&"'<>[\]]|%(?!(?:25)*(?:2[Ff]|3[Ff]|23))[0-9A-Fa-f]{2})+(?=%(?:25)*40)/g,
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
    pattern: /(?<keep>\/(?:file\/)?bot)[0-9]{1,20}(?::[^\s/?#"'&]*|$)/g,
  },
  {
    name: 'telegram_token',
    trigger: /[0-9]{5}(?::|%(?:25)*3[Aa]|\\u003[Aa])/,
    // Bare, also with the colon percent-encoded once or more (a URL inside a URL) or as a `\u003a`
    // escape; real secrets start with `AA`, so a cut one is caught too. Ids up to 20 digits (a
    // longer id must not leave its secret to the card rule). Another secret shape only when the id
    // does not follow a colon: ARNs put a resource name after the account id.
    pattern:
      /(?<![0-9])(?:[0-9]{5,20}(?::|%(?:25)*3[Aa]|\\u003[Aa])AA[A-Za-z0-9_-]*|(?<!:)[0-9]{5,20}(?::|%(?:25)*3[Aa]|\\u003[Aa])[A-Za-z0-9_-]{30,})/g,
    validate: isTokenSecret,
  },
  {
    name: 'bearer_token',
    trigger: /bearer/i,
    pattern: /(?<keep>\bbearer[ \t]+)(?!\[REDACTED)[A-Za-z0-9._~+/-]+=*/gi,
  },
  {
    name: 'jwt',
    trigger: /eyJ/,
    // Signed (three segments), unsigned (two) and encrypted (five).
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,3}/g,
  },
  ...vendorKeyRules,
  ...authorizationRules,
  cookieHeaderRule,
  secretAssignmentRule,
  {
    name: 'email',
    trigger: /@|%40/,
    // Letters of any script (internationalised addresses: `иван@пример.рф`, `muñoz@…`): an ASCII
    // class would leave the address whole, or its start (`jose.muñ`) in front of the marker.
    pattern: new RegExp(
      String.raw`(?<![${EMAIL_LETTERS}._%+-])[${EMAIL_LETTERS}._%+-]+(?:@|%40)[${EMAIL_LETTERS}-]+(?:\.[${EMAIL_LETTERS}-]+)+`,
      'gu',
    ),
    validate: hasDomainLabel,
  },
  ibanRule,
  paymentCardRule,
  groupedPaymentCardRule,
  ...phoneNumberRules(),
  ...cutPersonalDataRules,
];
