import { type CountryCode, findPhoneNumbersInText } from 'libphonenumber-js';
import type { ValueRule } from '../value-rules.js';

/**
 * Regions whose national formats (no `+`) are recognised by default: where most Telegram bot
 * users are. International numbers (`+…`, `00…`, `tel:`) are recognised for every region.
 */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = ['US', 'GB', 'RU', 'IN', 'BR', 'FR'];

// Percent-encoded separators (`%20`, `%2B`) carry digits that are not part of the number.
// Stryker disable next-line StringLiteral: removing an escape or turning it into a space leaves the same digits
const digitCount = (s: string): number => s.replace(/%2[0Bb]/g, ' ').replace(/[^0-9]/g, '').length;

const NBSP_OR_SPACED_DASH = /\u00a0|[ \u00a0]*-[ \u00a0]*/g;
const normalise = (candidate: string): string =>
  candidate.replace(NBSP_OR_SPACED_DASH, (s) => (s.includes('-') ? '-' : ' '));

// Digit groups that are dates, IPv4 addresses, decimals or amounts, not numbers to call.
const NOT_A_PHONE = [
  /(?:19|20)[0-9]{2}[./-](?:0?[1-9]|1[0-2])[./-](?:0?[1-9]|[12][0-9]|3[01])/,
  /(?:0?[1-9]|[12][0-9]|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)[0-9]{2}/,
  /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/,
  // One decimal, or a list of them (prices, a latitude and longitude).
  /^[0-9]+\.[0-9]+(?:[ -]{1,3}[0-9]+\.[0-9]+)*$/,
  /^[0-9]{1,3}(?:[ .][0-9]{3})+(?:[.,][0-9]{1,2})?$/,
];

// Dotted groups with a single digit are versions (`10.0.19045.1234`), not numbers.
const isVersion = (text: string): boolean =>
  /^[0-9.]+$/.test(text) && text.split('.').some((group) => group.length < 2);

/** The library finds exactly one valid number spanning the whole candidate. */
function spansValidNumber(text: string, region: CountryCode | undefined): boolean {
  const found = findPhoneNumbersInText(text, region);
  return found.length === 1 && found[0]?.startsAt === 0 && found[0].endsAt === text.length;
}

function isNationalOrExitCodeNumber(candidate: string, regions: readonly CountryCode[]): boolean {
  const digits = digitCount(candidate);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: libphonenumber finds no valid number of under 7 digits (with `00`) or over 17 either; the gate saves its call
  if (digits < 7 || digits > 17) return false;
  const text = normalise(candidate);
  if (isVersion(text) || NOT_A_PHONE.some((shape) => shape.test(text))) return false;
  // `00` is the international call prefix almost everywhere: read it as `+`.
  if (text.startsWith('00')) return spansValidNumber(`+${text.slice(2)}`, undefined);
  return regions.some((region) => spansValidNumber(text, region));
}

const SEP = '(?:[ \\u00a0]{0,2}[-.][ \\u00a0]{0,2}|[ \\u00a0]{1,2})';
const GROUP = '\\(?[0-9]{1,8}\\)?';

/**
 * Phone-number rules: the international form (`+`, `%2B`, `tel:`) by its length alone (7–15
 * digits: the shortest numbering plans have 7), and national or `00`-prefixed forms checked by
 * libphonenumber against `regions`. Cheap shapes gate the library: digit groups with separators,
 * or a digit run starting with a trunk `0`; a bare run of digits not starting with 0 is an id or a
 * timestamp far more often than a phone number.
 */
export function phoneNumberRules(
  regions: readonly CountryCode[] = DEFAULT_PHONE_REGIONS,
): ValueRule[] {
  return [
    {
      name: 'phone_number',
      trigger: /\+|%2[Bb]|tel:/,
      pattern: /(?:\+|%2[Bb]|tel:\+?)[0-9](?:(?:[ .()\u00a0-]|%20){0,3}[0-9]){6,14}(?![0-9])/g,
      validate: (candidate) => {
        const n = digitCount(candidate);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: the pattern already holds 7 to 15 digits, so this check cannot fail today
        return n >= 7 && n <= 15;
      },
    },
    {
      name: 'phone_number',
      // Where the first two digit groups meet, or a trunk-prefixed run.
      // Stryker disable next-line StringLiteral: a trigger is a necessary condition of its rule; one that always matches masks the same
      trigger: new RegExp(`[0-9]\\)?${SEP}\\(?[0-9]|0[0-9]{8}`),
      pattern: new RegExp(
        `(?<![0-9A-Za-z_+])(?<![0-9A-Za-z][.-])(?<![0-9][ \\u00a0.-]{1,3})(?:${GROUP}(?:${SEP}${GROUP}){1,6}|0[0-9]{8,14})(?![0-9A-Za-z_])(?![.:-][0-9A-Za-z])`,
        // Stryker disable next-line StringLiteral: the redactor adds the global flag to every rule pattern
        'g',
      ),
      validate: (candidate) => isNationalOrExitCodeNumber(candidate, regions),
    },
  ];
}
