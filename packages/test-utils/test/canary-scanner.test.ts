import { describe, expect, it } from 'vitest';
import { leakedCanaries, scanForLeaks } from '../src/canary-scanner.js';

const SECRET = 'canary-Secret_42:xyz';
const CANARIES = { secret: SECRET, card: ['4111 1111 1111 1111', '4111111111111111'] };

const bytes = (text: string) => new TextEncoder().encode(text);
const hexOf = (text: string) => Buffer.from(text).toString('hex');
const base64Of = (text: string) => Buffer.from(text).toString('base64');
const everyBytePercent = (text: string) => hexOf(text).replace(/../g, '%$&');
const everyCharUnicodeEscape = (text: string) =>
  [...text].map((c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`).join('');

/** The secret base64-encoded behind `prefix` bytes, inside a longer base64 text. */
const base64Behind = (prefix: string) =>
  `Authorization: Basic ${base64Of(`${prefix}${SECRET}&more`)}`;

describe('the canary scanner', () => {
  const found: [string, string][] = [
    ['plain', `log line ${SECRET} end`],
    ['upper-cased', `LOG ${SECRET.toUpperCase()}`],
    ['URL-encoded', `https://host/?q=${encodeURIComponent(SECRET)}&x=1`],
    ['every byte percent-encoded (upper hex)', `q=${everyBytePercent(SECRET).toUpperCase()}`],
    ['every byte percent-encoded (lower hex)', `q=${everyBytePercent(SECRET)}`],
    ['JSON-escaped', JSON.stringify({ note: `"${SECRET}"` })],
    ['every character \\u-escaped', `{"a":"${everyCharUnicodeEscape(SECRET)}"}`],
    ['hex', `id=${hexOf(SECRET)}`],
    ['upper-case hex', `id=${hexOf(SECRET).toUpperCase()}`],
    ['hex behind an odd nibble', `id=f${hexOf(SECRET)}`],
    ['base64', `data ${base64Of(SECRET)}`],
    ['base64url', `data ${base64Of(`??${SECRET}>>`).replaceAll('+', '-').replaceAll('/', '_')}`],
    ['base64 inside longer base64 (offset 0)', base64Behind('')],
    ['base64 inside longer base64 (offset 1)', base64Behind('u')],
    ['base64 inside longer base64 (offset 2)', base64Behind('us')],
    ['base64 glued to a preceding letter', `x${base64Of(SECRET)}`],
    ['base64 of base64', `v=${base64Of(base64Of(SECRET))}`],
    ['with zero-width characters between its characters', [...SECRET].join('\u200B')],
    ['with a soft hyphen', `${SECRET.slice(0, 5)}\u00AD${SECRET.slice(5)}`],
  ];
  it.each(found)('finds the secret %s', (_, text) => {
    expect(leakedCanaries(CANARIES, text)).toEqual(['secret']);
    expect(leakedCanaries(CANARIES, bytes(text))).toEqual(['secret']);
  });

  it('finds a canary through any of its identifying values, in form-encoded spaces too', () => {
    expect(leakedCanaries(CANARIES, 'pan=4111111111111111')).toEqual(['card']);
    expect(leakedCanaries(CANARIES, 'pan=4111+1111+1111+1111')).toEqual(['card']);
  });

  it('reads protobuf bytes: strings between binary length and tag bytes', () => {
    const frame = Buffer.concat([
      Buffer.from([0x0a, SECRET.length]),
      Buffer.from(SECRET),
      Buffer.from([0x12, 0xff, 0xfe, 0x41]),
    ]);
    expect(leakedCanaries(CANARIES, frame)).toEqual(['secret']);
  });

  it('reports every canary across chunks, in the order they were named', () => {
    expect(leakedCanaries(CANARIES, 'card 4111 1111 1111 1111', bytes(SECRET))).toEqual([
      'secret',
      'card',
    ]);
  });

  it('flags nothing in unrelated or masked text', () => {
    const clean = [
      'log line with nothing secret in it',
      `masked [REDACTED:known_secret] and ${SECRET.slice(0, 8)}… cut`,
      `near miss ${SECRET.slice(0, -1)}X`,
      base64Of('an unrelated value of some length'),
      hexOf('an unrelated value of some length'),
      everyBytePercent('canary-Secret_4'),
      'card 4111 1111 1111 1112',
    ];
    for (const text of clean) expect(leakedCanaries(CANARIES, text), text).toEqual([]);
    expect(
      leakedCanaries(
        CANARIES,
        new Uint8Array(4096).map((_, i) => (i * 31) % 256),
      ),
    ).toEqual([]);
  });

  it('decodes once and answers many look-ups', () => {
    const scan = scanForLeaks(`q=${encodeURIComponent('a b@c.d')}`, base64Of('the bot-token-xyz'));
    expect(scan.reveals('a b@c.d')).toBe(true);
    expect(scan.reveals(['nope', 'bot-token-xyz'])).toBe(true);
    expect(scan.reveals('bot-token-xyw')).toBe(false);
  });
});
