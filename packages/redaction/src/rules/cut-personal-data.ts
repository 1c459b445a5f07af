import type { ValueRule } from '../value-rules.js';
import { EMAIL_LETTERS } from './email-characters.js';

// Where an app visibly cut a value: an ellipsis or three dots. Not the redactor's own
// `…[TRUNCATED]`: it judged the whole value before cutting, so what precedes that is no cut piece
// (and a second pass must not mask what the first one kept).
const CUT_MARK = String.raw`(?=…(?!\[TRUNCATED\])|\.\.\.)`;

/**
 * The start of an e-mail address, a phone number or a card number that an app cut before the
 * whole-value rules could recognise it (`jane.x@exa…`, `+44 20 79…`, twelve card digits and
 * `...`). Only in front of a cut mark: the same text elsewhere is an ordinary word or number.
 * Masked under the name of the whole-value rule.
 */
export const cutPersonalDataRules: readonly ValueRule[] = [
  {
    name: 'email',
    trigger: /@/,
    pattern: new RegExp(
      `(?<![${EMAIL_LETTERS}._%+-])[${EMAIL_LETTERS}._%+-]+@[${EMAIL_LETTERS}.-]*${CUT_MARK}`,
      'gu',
    ),
  },
  {
    name: 'phone_number',
    trigger: /\+/,
    // `+`, a country code and at least five more digits in the usual separators.
    pattern: new RegExp(
      String.raw`(?<![A-Za-z0-9+])\+[1-9](?:[ \u00a0().-]?[0-9]){5,}${CUT_MARK}`,
      'g',
    ),
  },
  {
    name: 'payment_card',
    trigger: /[0-9](?:[ \u00a0-]?[0-9]){3}/,
    // Twelve or more digits of a card (single separators allowed), not part of a longer word.
    pattern: new RegExp(
      String.raw`(?<![0-9A-Za-z])[0-9](?:[ \u00a0-]?[0-9]){11,18}${CUT_MARK}`,
      'g',
    ),
  },
];
