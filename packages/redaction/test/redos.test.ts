import { defaultPolicy, defaultValueRules } from '@telegraf-otel/redaction';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { KnownSecrets } from '../src/known-secrets.js';
import { compilePrefilter } from '../src/redactor.js';
import { compileSensitiveKeys } from '../src/sensitive-keys.js';

// Generous limits: the analyser (automaton first, fuzzing where lookarounds need it) runs in JS.
// Its fuzzer models lookbehinds loosely and now and then reports a linear pattern as polynomial;
// recall validation replays each attack string on the real engine and keeps only confirmed ones.
const params = { timeout: 60_000, attackTimeout: 2_000, recallTimeout: 10_000 } as const;

const knownSecrets = new KnownSecrets(6);
knownSecrets.add('123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789');
knownSecrets.add('webhook secret with spaces & symbols/+=');

const patterns: [string, RegExp][] = [
  ...defaultValueRules.map((rule, i): [string, RegExp] => [`${rule.name} #${i}`, rule.pattern]),
  ...defaultValueRules.map((rule, i): [string, RegExp] => [
    `${rule.name} #${i} trigger`,
    rule.trigger as RegExp,
  ]),
  [
    'prefilter (triggers and known secrets)',
    // As the redactor builds it: the starts of the secret forms (not the whole forms), invisibles.
    compilePrefilter(defaultValueRules, knownSecrets.prefilterPattern) as RegExp,
  ],
  // A rule without a trigger brings its whole pattern into the prefilter, case-insensitive and
  // multi-line: each is checked in that form. A union of alternatives that are each safe is safe,
  // and the union of all default patterns is too large for the analyser to finish. A `u` pattern
  // or one with a backreference never joins a prefilter (there is none then: every rule runs).
  ...defaultValueRules.flatMap((rule, i): [string, RegExp][] => {
    const prefilter = compilePrefilter([{ pattern: rule.pattern }]);
    return prefilter === undefined
      ? []
      : [[`${rule.name} #${i} as a prefilter (rules without triggers)`, prefilter]];
  }),
  ['known secrets (two registered)', knownSecrets.pattern as RegExp],
  ['sensitive keys', compileSensitiveKeys(defaultPolicy.sensitiveKeys) as RegExp],
  ...Object.entries(defaultPolicy.allowedKeys).map(([key, shape]): [string, RegExp] => [
    `allowed shape of ${key}`,
    shape instanceof RegExp ? shape : shape.pattern,
  ]),
];

describe('no catastrophic backtracking (recheck)', () => {
  it.each(patterns)(
    '%s is safe',
    async (_name, pattern) => {
      const diagnostics = await check(pattern.source, pattern.flags, params);
      expect(diagnostics.status, JSON.stringify(diagnostics)).toBe('safe');
    },
    90_000,
  );
});
