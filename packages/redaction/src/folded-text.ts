/**
 * The same text with look-alike characters read as what they stand for, so that a card, phone
 * number, e-mail address or token written with them is recognised by the rules, which match plain
 * ASCII: numeric character references (`&#64;`, `&#x3A;`) and `\uXXXX` escapes decoded, full-width
 * and other compatibility forms folded (NFKC: `４`, `＠`, `：`, thin and narrow no-break spaces),
 * digits of other scripts (`٤`, `४`) as ASCII digits, and invisible format characters (zero-width
 * space, soft hyphen, joiners) removed.
 */

// Cheap gate: only text with something outside ASCII, a reference or an escape can read differently.
const MAY_FOLD = /[\u0080-\uffff]|&#|\\u/;
const NUMERIC_REFERENCE = /&#(?:[xX]([0-9A-Fa-f]{1,6})|([0-9]{1,7}));/g;
const UNICODE_ESCAPE = /\\u([0-9A-Fa-f]{4})/g;
const FORMAT_CHARACTER = /\p{Cf}/gu;
// Decimal digits other than 0-9 (a negated class: faster than a lookahead per character).
const OTHER_DIGIT = /[^\P{Nd}0-9]/gu;
const DIGIT = /\p{Nd}/u;

function decodeReference(match: string, hex: string | undefined, decimal: string | undefined) {
  const codePoint = hex === undefined ? Number(decimal) : Number.parseInt(hex, 16);
  // Past the last code point a reference stands for nothing: kept as written.
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
}

// Decimal digits come in runs of ten from 0 to 9 (some blocks hold several runs back to back).
function asciiDigit(digit: string): string {
  const codePoint = digit.codePointAt(0) as number;
  let zero = codePoint;
  while (DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return String((codePoint - zero) % 10);
}

// `…` stays as written: NFKC would make the engine's own `…[TRUNCATED]` read as an app's `...` cut.
const ELLIPSIS = '…';

function foldOnce(text: string): string {
  const withoutReferences = text
    .replace(NUMERIC_REFERENCE, decodeReference)
    .replace(UNICODE_ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    .replace(FORMAT_CHARACTER, '');
  const normalised = withoutReferences.includes(ELLIPSIS)
    ? withoutReferences
        .split(ELLIPSIS)
        .map((part) => part.normalize('NFKC'))
        .join(ELLIPSIS)
    : withoutReferences.normalize('NFKC');
  return normalised.replace(OTHER_DIGIT, asciiDigit);
}

// Folding can make a new reference (`&#38;#64;`, full-width `＆＃６４；`): folded again until it
// reads the same, so a reading is read as itself (redacting twice changes nothing more).
const MAX_FOLDS = 4;

/** `text` as read (see above), or undefined when it reads as written. */
export function foldedReading(text: string): string | undefined {
  if (!MAY_FOLD.test(text)) return undefined;
  let folded = text;
  for (let i = 0; i < MAX_FOLDS; i++) {
    const next = foldOnce(folded);
    if (next === folded) break;
    folded = next;
  }
  return folded === text ? undefined : folded;
}
