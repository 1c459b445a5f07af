// Writes cases.generated.json: the labelled corpus the precision/recall test reads. Public test vectors come
// from public-sources.mjs and from libphonenumber-js's example numbers; the rest is generated with
// a seeded generator (same seed, same corpus). Run from the repository root after changing it:
//   node packages/redaction/test/corpus/build.mjs
import { writeFileSync } from 'node:fs';
import { composeIBAN, countrySpecs, friendlyFormatIBAN, isValidBBAN } from 'ibantools';
import { getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import examples from 'libphonenumber-js/mobile/examples';
import {
  gitleaks,
  ibanRegistryExamples,
  presidioCards,
  publishedTestCards,
} from './public-sources.mjs';

// mulberry32: tiny, seedable, good enough to spread test values.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261202);
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const chars = (alphabet, n) => Array.from({ length: n }, () => pick(alphabet)).join('');
const DIGITS = '0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = `${ALNUM}_-`;
const HEX = '0123456789abcdef';
const UPPER_NUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const cases = [];
/** A positive: `secret` must vanish from `text`, replaced by the rule's marker, nothing else. */
function positive(type, source, text, secret, rule = type) {
  const at = text.indexOf(secret);
  if (at < 0) throw new Error(`secret not in text: ${text}`);
  const masked = `${text.slice(0, at)}[REDACTED:${rule}]${text.slice(at + secret.length)}`;
  cases.push({ type, source, text, masked });
}
/** A negative: the text must come out unchanged. */
const negative = (type, source, text) => cases.push({ type, source, text, masked: text });

const CONTEXTS = [
  (s) => s,
  (s) => `user sent ${s} in chat`,
  (s) => `{"value":"${s}"}`,
  (s) => `error: invalid input "${s}"`,
  (s) => `${s}\n`,
];

// --- public vectors -------------------------------------------------------------------------
for (const [type, text, secret, rule] of gitleaks) {
  if (secret === undefined) negative(type, 'gitleaks', text);
  else positive(type, 'gitleaks', text, secret, rule);
}
for (const card of presidioCards.valid) positive('payment_card', 'presidio', `card ${card}`, card);
for (const card of presidioCards.invalid) negative('payment_card', 'presidio', `card ${card}`);
for (const card of publishedTestCards) {
  positive('payment_card', 'published-test-cards', pick(CONTEXTS)(card), card);
  const spaced = card.replace(/(\d{4})(?=\d)/g, '$1 ');
  positive('payment_card', 'published-test-cards', `pay with ${spaced} now`, spaced);
}
for (const iban of ibanRegistryExamples) {
  positive('iban', 'iban-registry', `IBAN ${iban}`, iban);
  const printed = friendlyFormatIBAN(iban);
  positive('iban', 'iban-registry', `send to ${printed}, thanks`, printed);
  const dashed = friendlyFormatIBAN(iban, '-').toLowerCase();
  positive('iban', 'iban-registry', `{"iban":"${dashed}"}`, dashed);
}
// libphonenumber-js example mobile numbers (from Google's libphonenumber metadata), every region.
const DEFAULT_REGIONS = ['US', 'GB', 'RU', 'IN', 'BR', 'FR'];
for (const region of Object.keys(examples)) {
  const number = getExampleNumber(region, examples);
  if (!number) continue;
  const international = number.formatInternational();
  positive('phone_number', 'libphonenumber', `call ${international}`, international);
  positive('phone_number', 'libphonenumber', `tel ${number.number}`, number.number);
  const exit = `00${number.number.slice(1)}`;
  positive('phone_number', 'libphonenumber', pick(CONTEXTS)(exit), exit);
  if (DEFAULT_REGIONS.includes(region)) {
    const national = number.formatNational();
    positive('phone_number', 'libphonenumber', `my number is ${national}`, national);
  }
}

// --- generated positives ----------------------------------------------------------------------
function luhnComplete(body) {
  for (let d = 0; d < 10; d++) {
    const candidate = body + d;
    let sum = 0;
    for (let i = 0; i < candidate.length; i++) {
      let v = candidate.charCodeAt(candidate.length - 1 - i) - 48;
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}
const CARD_SCHEMES = [
  ['4', 16],
  ['4', 19],
  ['51', 16],
  ['55', 16],
  ['2221', 16],
  ['2720', 16],
  ['34', 15],
  ['37', 15],
  ['6011', 16],
  ['65', 16],
  ['3528', 16],
  ['3589', 16],
  ['36', 14],
  ['62', 16],
  ['62', 19],
  ['2200', 16],
  ['2204', 16],
  ['6759', 16],
];
const formatCard = (n) =>
  pick([
    n,
    n.replace(/(\d{4})(?=\d)/g, '$1 '),
    n.replace(/(\d{4})(?=\d)/g, '$1-'),
    n.replace(/(\d{4})(?=\d)/g, '$1\u00a0'),
  ]);
for (const [prefix, length] of CARD_SCHEMES) {
  for (let i = 0; i < 6; i++) {
    const card = formatCard(luhnComplete(prefix + chars(DIGITS, length - prefix.length - 1)));
    positive('payment_card', 'generated', pick(CONTEXTS)(card), card);
  }
}
// IBANs: registry examples with a random account number, check digits recomputed.
for (const example of ibanRegistryExamples) {
  const country = example.slice(0, 2);
  for (let i = 0; i < 2; i++) {
    const bban = example.slice(4, -6) + chars(DIGITS, 6);
    if (!isValidBBAN(bban, country)) continue;
    const iban = composeIBAN({ countryCode: country, bban });
    if (!iban) continue;
    const form = pick([iban, friendlyFormatIBAN(iban), friendlyFormatIBAN(iban).toLowerCase()]);
    positive('iban', 'generated', pick(CONTEXTS)(form), form);
  }
}
// National numbers of the default regions: the example number with other subscriber digits.
for (const region of DEFAULT_REGIONS) {
  const example = getExampleNumber(region, examples);
  let made = 0;
  for (let tries = 0; made < 12 && tries < 200; tries++) {
    const national = example.nationalNumber.slice(0, -4) + chars(DIGITS, 4);
    const number = parsePhoneNumberFromString(national, region);
    if (!number?.isValid()) continue;
    made++;
    const form = pick([
      number.formatNational(),
      number.formatNational().replace(/ /g, '\u00a0'),
      number.formatInternational(),
      number.formatInternational().replace(/ /g, ' - '),
      `00${number.number.slice(1)}`,
    ]);
    positive('phone_number', 'generated', pick(CONTEXTS)(form), form);
  }
}
// Vendor keys in the shapes their issuers document.
const VENDOR_KEYS = [
  () => `sk-${chars(ALNUM, 20)}T3BlbkFJ${chars(ALNUM, 20)}`,
  () => `sk-proj-${chars(B64URL, 74)}T3BlbkFJ${chars(B64URL, 74)}`,
  () => `ghp_${chars(ALNUM, 36)}`,
  () => `gho_${chars(ALNUM, 36)}`,
  () => `ghs_${chars(ALNUM, 36)}`,
  () => `github_pat_${chars(ALNUM, 22)}_${chars(ALNUM, 59)}`,
  () => `xoxb-${chars(DIGITS, 12)}-${chars(DIGITS, 13)}-${chars(ALNUM, 24)}`,
  () => `xoxp-${chars(DIGITS, 12)}-${chars(DIGITS, 12)}-${chars(DIGITS, 12)}-${chars(HEX, 32)}`,
  () => `AKIA${chars(UPPER_NUM, 16)}`,
  () => `ASIA${chars(UPPER_NUM, 16)}`,
  () => `AIza${chars(B64URL, 35)}`,
  () => `glpat-${chars(B64URL, 20)}`,
  () => `sk_live_${chars(ALNUM, 24)}`,
  () => `rk_live_${chars(ALNUM, 24)}`,
  () => `npm_${chars(ALNUM, 36)}`,
];
const KEY_CONTEXTS = [
  (k) => `using key ${k}`,
  (k) => `fetch failed for ${k}`,
  (k) => `["${k}"]`,
  (k) => `${k}`,
];
for (const make of VENDOR_KEYS) {
  for (let i = 0; i < 5; i++) {
    const key = make();
    positive('api_key', 'generated', pick(KEY_CONTEXTS)(key), key);
  }
}
// Authorization header values of every common scheme, and bare ones.
for (let i = 0; i < 12; i++) {
  const basic = Buffer.from(`${chars(ALNUM, 6)}:${chars(ALNUM, 12)}`).toString('base64');
  positive('authorization', 'generated', `Authorization: Basic ${basic}`, basic);
  positive('authorization', 'generated', `headers {"authorization":"Basic ${basic}"}`, basic);
  const token = chars(HEX, 40);
  positive('authorization', 'generated', `Authorization: Token ${token}`, token);
  positive('authorization', 'generated', `proxy-authorization: Api-Token ${token}`, token);
  const bare = chars(B64URL, 32);
  positive('authorization', 'generated', `authorization=${bare}`, bare);
  positive('authorization', 'generated', `sent header Basic ${basic}`, basic);
}
// Secrets assigned to secret-naming keys in free text.
const SECRET_KEYS = [
  'password',
  'client_secret',
  'api_key',
  'X-Api-Key',
  'db.password',
  'AWS_SECRET_ACCESS_KEY',
  'secret_token',
  'private_key',
  'passphrase',
  'refresh_token',
];
for (const key of SECRET_KEYS) {
  for (const [open, sep, close] of [
    ['', '=', ''],
    ['"', '": "', '"'],
    ['', ': ', ''],
    ['', " = '", "'"],
  ]) {
    const value = chars(ALNUM, 8 + int(24));
    positive('secret_assignment', 'generated', `${open}${key}${sep}${value}${close}`, value);
  }
}
positive(
  'secret_assignment',
  'generated',
  '{"password": "correct horse battery staple"}',
  'correct horse battery staple',
);
// JWTs: signed, unsigned (two segments), encrypted.
const b64url = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
for (let i = 0; i < 10; i++) {
  const head = b64url({ alg: pick(['HS256', 'RS256', 'none']), typ: 'JWT' });
  const body = b64url({ sub: chars(DIGITS, 10), name: chars(ALNUM, 8) });
  for (const jwt of [
    `${head}.${body}.${chars(B64URL, 43)}`,
    `${head}.${body}`,
    `${head}.${body}.`,
  ]) {
    positive('jwt', 'generated', pick(CONTEXTS)(jwt), jwt);
  }
}
// Private key blocks (PEM and PGP), whole and cut.
for (const kind of ['RSA ', 'EC ', 'OPENSSH ', '', 'ENCRYPTED ']) {
  const body = chars(`${ALNUM}+/`, 64);
  const pem = `-----BEGIN ${kind}PRIVATE KEY-----\n${body}\n-----END ${kind}PRIVATE KEY-----`;
  positive('private_key', 'generated', `key loaded: ${pem} ok`, pem, 'pem_private_key');
}
for (let i = 0; i < 5; i++) {
  const pgp = `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF${chars(`${ALNUM}+/`, 60)}\n=${chars(ALNUM, 4)}\n-----END PGP PRIVATE KEY BLOCK-----`;
  positive('private_key', 'generated', pgp, pgp, 'pem_private_key');
}
// Telegram bot tokens: gitleaks' shapes (5-, 8- and 16-digit ids), longer ids, URL forms.
for (const digits of [5, 8, 10, 16, 17, 19]) {
  for (let i = 0; i < 3; i++) {
    const token = `${chars(DIGITS.slice(1), 1)}${chars(DIGITS, digits - 1)}:AA${chars(B64URL, 33)}`;
    positive('telegram_token', 'generated', `const bot = new Telegraf("${token}")`, token);
    positive(
      'telegram_token',
      'generated',
      `TELEGRAM_API_TOKEN = ${token}`,
      token,
      'telegram_token',
    );
  }
}

// --- negatives: what bots really log ------------------------------------------------------------
const uuid = () =>
  `${chars(HEX, 8)}-${chars(HEX, 4)}-4${chars(HEX, 3)}-${pick('89ab')}${chars(HEX, 3)}-${chars(HEX, 12)}`;
const iso = () =>
  new Date(1_700_000_000_000 + int(100_000_000_000))
    .toISOString()
    .replace(/\.\d+Z$/, `.${chars(DIGITS, 3)}Z`);
const epochMs = () => String(1_700_000_000_000 + int(100_000_000_000));
const NEGATIVE_MAKERS = {
  telemetry: [
    () => `trace_id=${chars(HEX, 32)} span_id=${chars(HEX, 16)}`,
    () => `traceparent: 00-${chars(HEX, 32)}-${chars(HEX, 16)}-01`,
    () => `request ${uuid()} done`,
    () => `at ${iso()}`,
    () => `ts=${epochMs()} took ${int(900)}.${int(10)} ms`,
    () =>
      `update_id ${chars(DIGITS, 9)} chat -100${chars(DIGITS, 10)} user ${chars('123456789', 1)}${chars(DIGITS, 9)}`,
    () => `message_id=${int(100000)} date=${String(1_700_000_000 + int(100_000_000))}`,
    () => `file_id AgACAgIAAxkBAAI${chars(B64URL, 60)}`,
    () => `file_unique_id AQAD${chars(B64URL, 12)}`,
    () => `arn:aws:lambda:eu-west-1:${chars(DIGITS, 12)}:function:${chars('abcdefghijklmnop', 36)}`,
    () => `arn:aws:sns:us-east-1:111122223333:${chars('abcdefghijklmnopqrstuvwxyz', 40)}`,
    () => `sha256:${chars(HEX, 64)}`,
    () => `commit ${chars(HEX, 40)} (${chars(HEX, 7)})`,
    () => `md5 ${chars(HEX, 32)}`,
    () => `telegraf@4.${int(20)}.${int(10)} node v${20 + int(5)}.${int(30)}.${int(10)}`,
    () => `version 10.0.${chars(DIGITS, 5)}.${chars(DIGITS, 4)}`,
    () => `price ${int(100000)}.${chars(DIGITS, 2)} EUR`,
    () => `total 1 ${chars(DIGITS, 3)} ${chars(DIGITS, 3)},${chars(DIGITS, 2)} ₽`,
    () => `amount=${chars('123456789', 1)}${chars(DIGITS, 8)} (minor units)`,
    () => `client ${int(256)}.${int(256)}.${int(256)}.${int(256)}:${int(65536)}`,
    () => `location ${int(90)}.${chars(DIGITS, 6)}, ${int(180)}.${chars(DIGITS, 6)}`,
    () =>
      `https://api.telegram.org/file/${chars('abcdef', 6)}/photos/file_${int(100)}.jpg?size=${int(1000)}`,
    () => `order ORD-${2020 + int(7)}-${chars(DIGITS, 6)} shipped`,
    () => `callback_data=page:${int(1000)}:sort:${pick(['asc', 'desc'])}`,
    () => `cache key user:${chars(DIGITS, 10)}:settings`,
    () => `duration_ms=${int(100000)} retry_after=${int(60)}`,
    () => `date ${1 + int(28)}.${1 + int(12)}.20${20 + int(7)} ${int(24)}:${int(60)}`,
    () =>
      `${2020 + int(7)}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')} ${String(int(24)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}:${String(int(60)).padStart(2, '0')}`,
    () => `max_tokens=${int(4000)} prompt_tokens: ${int(4000)} token_type: bearer`,
    () => `${chars(B64URL, 43)}`,
  ],
};
for (const [type, makers] of Object.entries(NEGATIVE_MAKERS)) {
  for (const make of makers) {
    for (let i = 0; i < 12; i++) negative(type, 'generated', make());
  }
}
// Card-shaped numbers that are not cards: Luhn-invalid, no issuer, or part of a longer run.
for (let i = 0; i < 40; i++) {
  let n;
  do n = `4${chars(DIGITS, 15)}`;
  while (luhnComplete(n.slice(0, -1)) === n);
  negative('payment_card', 'generated', pick(CONTEXTS)(formatCard(n)));
  negative('payment_card', 'generated', `id ${luhnComplete(`9${chars(DIGITS, 14)}`)}`);
  negative(
    'payment_card',
    'generated',
    `nonce ${luhnComplete(`4${chars(DIGITS, 14)}`)}${chars(DIGITS, 5)}`,
  );
  negative('payment_card', 'generated', `ns ${17}${chars(DIGITS, 17)}`);
  negative(
    'payment_card',
    'generated',
    `12345678901234567:${chars('abcdefghijklmnopqrstuvwxyz', 6)} rate limited`,
  );
}
// IBAN-shaped strings that are not IBANs: wrong check digits, unknown country, wrong length.
for (const example of ibanRegistryExamples) {
  const check = (Number(example.slice(2, 4)) + 1 + int(90)) % 97;
  const wrong = `${example.slice(0, 2)}${String(check).padStart(2, '0')}${example.slice(4)}`;
  negative('iban', 'generated', `ref ${wrong}`);
  negative('iban', 'generated', `ref ${example}${chars(DIGITS, 1)}`);
  negative('iban', 'generated', `ref QQ${example.slice(2)}`);
}
// Digit groups that look like phone numbers to a naive pattern.
for (let i = 0; i < 30; i++) {
  negative('phone_number', 'generated', `build 1.${int(30)}.${int(10)}-rc.${int(9)} on ${iso()}`);
  negative(
    'phone_number',
    'generated',
    `chat_id: -100${chars(DIGITS, 10)} user_id: ${chars('123456789', 1)}${chars(DIGITS, 9)}`,
  );
  negative('phone_number', 'generated', `ip 10.${int(256)}.${int(256)}.${int(256)}`);
  negative(
    'phone_number',
    'generated',
    `sum ${int(1000)} ${chars(DIGITS, 3)} ${chars(DIGITS, 3)}.${chars(DIGITS, 2)}`,
  );
}
// Tokens of other shapes and placeholders.
for (let i = 0; i < 10; i++) {
  negative(
    'telegram_token',
    'generated',
    `arn:aws:iam::${chars(DIGITS, 12)}:${chars('abcdefghijklmnopqrstuvwxyz', 36)}`,
  );
  negative(
    'api_key',
    'generated',
    `skeleton sk-learn-examples-for-beginners-${chars('abcdefghij', 4)}`,
  );
  negative('authorization', 'generated', `Basic information about ${chars('abcdefghij', 8)}`);
  negative('authorization', 'generated', `Token expired for session of user ${int(1000)}`);
  negative('secret_assignment', 'generated', `max_tokens=${int(4000)} password_hash_algo=argon2id`);
}

const counts = {};
for (const c of cases) counts[c.type] = (counts[c.type] ?? 0) + 1;
writeFileSync(
  new URL('./cases.generated.json', import.meta.url),
  `${JSON.stringify(cases, null, 1)}\n`,
);
console.log(`${cases.length} cases`, counts, `${Object.keys(countrySpecs).length} IBAN specs`);
