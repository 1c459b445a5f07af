import creditCardType from 'credit-card-type';
import { luhnValid } from '../checksums.js';
import type { ValueRule } from '../value-rules.js';

// Schemes the card-type library leaves out: legacy 13-digit Visa and UATP (airline, 15 digits).
const EXTRA_SCHEMES: readonly { readonly prefix: RegExp; readonly length: number }[] = [
  { prefix: /^4/, length: 13 },
  { prefix: /^1/, length: 15 },
];

/** A whole number (not a prefix of it) of a length its issuer uses, passing Luhn. */
export function isCardNumber(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits)) return false;
  const n = digits.length;
  return (
    creditCardType(digits).some((scheme) => scheme.lengths.includes(n)) ||
    EXTRA_SCHEMES.some((scheme) => scheme.length === n && scheme.prefix.test(digits))
  );
}

// Separators inside a printed number: space, no-break space, dash, or a percent-encoded space.
const SEPARATOR = /%20|[^0-9]/g;

// A number may be followed by a group of up to four digits that is not part of it (a CVV, an
// expiry such as `1226`, a count): the number without its last group is tried too, and the group
// is masked with it. A 15-digit Amex or 13-digit Visa plus four digits is no card as a whole.
function isPrintedCard(candidate: string): boolean {
  const groups = candidate.split(SEPARATOR).filter((g) => g.length > 0);
  if (isCardNumber(groups.join(''))) return true;
  const last = groups.at(-1) ?? '';
  return groups.length > 1 && last.length <= 4 && isCardNumber(groups.slice(0, -1).join(''));
}

export const paymentCardRule: ValueRule = {
  name: 'payment_card',
  trigger: /[0-9](?:(?:[ \u00a0-]|%20)?[0-9]){3}/,
  // The longest run of 13–19 digits (single separators allowed) that ends at a non-digit, so a
  // group after a space ("… 1111 2024") is left out and the number is judged whole, never by a
  // prefix. Not next to hex digits, so trace and span ids are left alone, nor inside a word (the
  // digits of an IBAN-like code); one other letter may touch it (JSON escapes such as `\n`), and
  // a percent escape ends a word.
  pattern:
    /(?:(?<![0-9A-Fa-f])(?<![A-Za-z]{2})|(?<=%[0-9A-Fa-f]{2}))[0-9](?:(?:[ \u00a0-]|%20)?[0-9]){12,18}(?![0-9A-Fa-f])/g,
  validate: isPrintedCard,
};

// One separator the rule above does not take, used between every group: a dot, slash, underscore,
// tab, two spaces, or a dash of any width with a space on either side.
const GROUP_SEPARATOR = String.raw`(?:[./_\t]|[ \u00a0]{2}|[ \u00a0]?[-\u2013\u2014][ \u00a0]?)`;

/**
 * A card number printed in groups of four (or 4-6-5 and 4-6-4, Amex and Diners) with one of those
 * separators throughout: `4111.1111.1111.1111`. The same separator each time keeps dotted
 * decimals, dates and versions out.
 */
export const groupedPaymentCardRule: ValueRule = {
  name: 'payment_card',
  trigger: new RegExp(`[0-9]{4}${GROUP_SEPARATOR}[0-9]{4}`),
  pattern: new RegExp(
    String.raw`(?<![0-9A-Za-z.])(?:[0-9]{4}(${GROUP_SEPARATOR})[0-9]{4}\1[0-9]{4}\1[0-9]{1,7}|[0-9]{4}(${GROUP_SEPARATOR})[0-9]{6}\2[0-9]{4,5})(?![0-9A-Za-z]|\.[0-9])`,
    'g',
  ),
  validate: isPrintedCard,
};
