// The letters and digits of an e-mail address, in any script (`иван@пример.рф`, `jose.muñoz@…`),
// as the inside of a character class: shared by the whole-address rule and the rule for an
// address an app cut, so both read the same letters.
export const EMAIL_LETTERS = String.raw`\p{L}\p{M}\p{N}`;
