import {
  createRedactor,
  defaultPolicy,
  encodedForms,
  extendPolicy,
  RedactionTally,
} from '@telegraf-otel/redaction';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import { describe, expect, it } from 'vitest';

const SECRET = 'wh-Secret/with+odd "chars"';

/** Every form a secret can travel in, as seen by a reader of the exported bytes. */
function renderings(secret: string): string[] {
  const base64 = (s: string) => Buffer.from(s).toString('base64');
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    base64(secret),
    Buffer.from(secret).toString('base64url'),
    // Inside longer base64 texts, at each byte alignment.
    base64(`a${secret}`),
    base64(`ab${secret}`),
    base64(`user:${secret}`),
  ];
}

describe('known secrets', () => {
  it('masks a registered secret in plain, URL-encoded, JSON-escaped and base64 forms', () => {
    const redactor = createRedactor();
    redactor.addSecret(SECRET);
    for (const rendering of renderings(SECRET)) {
      const tally = new RedactionTally();
      const out = redactor.redactString(`before ${rendering} after`, tally);
      expect(out, rendering).toContain('[REDACTED:known_secret]');
      expect(leakedCanaries({ secret: SECRET }, out), rendering).toEqual([]);
      expect(tally.ruleNames()).toContain('known_secret');
    }
  });

  it('takes secrets registered at start-up and at run time', () => {
    const redactor = createRedactor(extendPolicy(defaultPolicy, { secrets: ['startup-secret-1'] }));
    expect(redactor.redactString('x startup-secret-1 y')).toBe('x [REDACTED:known_secret] y');
    expect(redactor.redactString('x runtime-secret-2 y')).toBe('x runtime-secret-2 y');
    const before = redactor.generation;
    redactor.addSecret('runtime-secret-2');
    expect(redactor.generation).toBe(before + 1);
    expect(redactor.redactString('x runtime-secret-2 y')).toBe('x [REDACTED:known_secret] y');
  });

  it('masks secrets inside attribute keys, nested values and numbers turned to text', () => {
    const redactor = createRedactor();
    redactor.addSecret('k3y-in-a-key');
    const out = redactor.redactValue({
      'header.k3y-in-a-key': 1,
      list: [{ deep: 'k3y-in-a-key' }],
    });
    expect(JSON.stringify(out)).not.toContain('k3y-in-a-key');
  });

  it('refuses secrets too short to be masked everywhere without garbling the output', () => {
    const redactor = createRedactor();
    redactor.addSecret('abc');
    expect(redactor.redactString('abc abc')).toBe('abc abc');
    expect(redactor.generation).toBe(0);
  });

  it('lists the base64 forms for all three alignments', () => {
    const forms = encodedForms('0123456789abcdef');
    for (const prefix of ['', 'x', 'xy']) {
      const blob = Buffer.from(`${prefix}0123456789abcdef!`).toString('base64');
      expect(
        forms.some((form) => blob.includes(form)),
        prefix,
      ).toBe(true);
    }
  });
});
