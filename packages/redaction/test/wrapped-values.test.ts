import { createRedactor, defaultPolicy, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor({ ...defaultPolicy, secrets: ['80512345'] });

describe('boxed primitives and symbols in a logged value', () => {
  it('redacts a boxed string as its text (it would be exported as a map of its characters)', () => {
    const tally = new RedactionTally();
    const out = redactor.snapshotValue({ note: new String('mail jane.roe@example.com') }, tally);
    expect(out).toEqual({ note: 'mail [REDACTED:email]' });
    expect(JSON.stringify(out)).not.toContain('jane.roe');
    expect(tally.ruleNames()).toEqual(['email']);
  });

  it('redacts boxed numbers and booleans as their values', () => {
    const out = redactor.snapshotValue({ pin: new Number(80512345), ok: new Boolean(true) });
    expect(out).toEqual({ pin: '[REDACTED:known_secret]', ok: true });
  });

  it("masks a symbol's description and keeps a clean symbol as it is", () => {
    const clean = Symbol('clean');
    const out = redactor.snapshotValue({ tag: Symbol('mail jane.roe@example.com'), clean }) as {
      tag: symbol;
      clean: symbol;
    };
    expect(out.tag.description).toBe('mail [REDACTED:email]');
    expect(out.clean).toBe(clean);
  });
});
