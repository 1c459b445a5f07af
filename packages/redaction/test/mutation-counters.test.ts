import { MASKED_COUNT, MASKED_RULES, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const known = (name: string) => ['email', 'known_secret', 'jwt'].includes(name);

function tallyOf(...rules: string[]): RedactionTally {
  const tally = new RedactionTally();
  for (const rule of rules) tally.record(rule);
  return tally;
}

describe('redaction counters', () => {
  it('are named as the README says', () => {
    expect([MASKED_COUNT, MASKED_RULES]).toEqual([
      'redaction.masked.count',
      'redaction.masked.rules',
    ]);
  });

  it('are absent when nothing was masked', () => {
    expect(new RedactionTally().counters({ [MASKED_COUNT]: 3 }, known)).toBeUndefined();
    expect(new RedactionTally().ruleNames()).toEqual([]);
  });

  it('count every mask and list each rule once, sorted', () => {
    const tally = tallyOf('jwt', 'email', 'jwt');
    expect(tally.count).toBe(3);
    expect(tally.ruleNames()).toEqual(['email', 'jwt']);
    expect(tally.counters({}, known)).toEqual({ [MASKED_COUNT]: 3, [MASKED_RULES]: 'email,jwt' });
  });

  it('add to an earlier stage’s counters and keep only known rule names from them', () => {
    const existing = { [MASKED_COUNT]: 5, [MASKED_RULES]: 'known_secret,made_up,email' };
    expect(tallyOf('jwt').counters(existing, known)).toEqual({
      [MASKED_COUNT]: 6,
      [MASKED_RULES]: 'email,jwt,known_secret',
    });
  });

  it.each([[0], [-4], [1.5], [2 ** 53], ['5']])('ignore an earlier count of %j', (previous) => {
    expect(tallyOf('jwt').counters({ [MASKED_COUNT]: previous }, known)).toEqual({
      [MASKED_COUNT]: 1,
      [MASKED_RULES]: 'jwt',
    });
  });

  it('ignore an earlier rule list that is no string', () => {
    expect(tallyOf('jwt').counters({ [MASKED_RULES]: ['email'] }, known)).toEqual({
      [MASKED_COUNT]: 1,
      [MASKED_RULES]: 'jwt',
    });
  });
});
