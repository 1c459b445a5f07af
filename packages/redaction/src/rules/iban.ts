import { countrySpecs } from 'ibantools';
import { ibanValid } from '../checksums.js';
import type { ValueRule } from '../value-rules.js';

// Country codes grouped by their IBAN length (from the IBAN registry as ibantools ships it), so
// a candidate is exactly as long as its country's IBAN, never a prefix of a longer string.
function countriesByLength(): Map<number, string[]> {
  const byLength = new Map<number, string[]>();
  for (const [country, spec] of Object.entries(countrySpecs)) {
    if (spec.chars === undefined) continue;
    const list = byLength.get(spec.chars) ?? [];
    list.push(country.toLowerCase());
    byLength.set(spec.chars, list);
  }
  return byLength;
}

// Between groups: a space, a no-break space (the narrow one too: French typography) or a dash.
const GROUP_SEPARATOR = '[ \\u00a0\\u202f-]';

// The BBAN in groups of four, each optionally after a separator, then the rest.
function printedBban(length: number): string {
  const rest = length % 4;
  const groups = `(?:${GROUP_SEPARATOR}?[a-z0-9]{4}){${Math.floor(length / 4)}}`;
  return rest > 0 ? `${groups}${GROUP_SEPARATOR}?[a-z0-9]{${rest}}` : groups;
}

function ibanPattern(): RegExp {
  const alternatives = [...countriesByLength()]
    .sort(([a], [b]) => a - b)
    .map(([length, countries]) => `(?:${countries.join('|')})[0-9]{2}${printedBban(length - 4)}`);
  return new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'gi');
}

/** Country, length, national (BBAN) format and the mod-97 check digits, in any case and grouping. */
const SEPARATORS = new RegExp(GROUP_SEPARATOR, 'g');
const isIban = (candidate: string): boolean =>
  ibanValid(candidate.replace(SEPARATORS, '').toUpperCase());

export const ibanRule: ValueRule = {
  name: 'iban',
  trigger: /[A-Za-z]{2}[0-9]{2}/,
  // Electronic and printed (groups of four, spaced or dashed) forms, in any case.
  pattern: ibanPattern(),
  validate: isIban,
};
