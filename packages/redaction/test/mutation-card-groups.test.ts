import { createRedactor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor();
const CARD = '[REDACTED:payment_card]';

describe('a card number followed by a group that is not part of it', () => {
  it('masks a 15-digit Amex followed by a four-digit group, with the group', () => {
    expect(redactor.redactString('card 378282246310005 1234')).toBe(`card ${CARD}`);
    expect(redactor.redactString('card 3782 822463 10005 1234 ok')).toBe(`card ${CARD} ok`);
  });

  it('masks a 13-digit Visa followed by a four-digit group', () => {
    expect(redactor.redactString('card 4222222222222 1226')).toBe(`card ${CARD}`);
  });

  it('masks a number followed by a three-digit group, as before', () => {
    expect(redactor.redactString('card 378282246310005 123')).toBe(`card ${CARD}`);
  });

  it('leaves a run whose number without its last group fails Luhn', () => {
    expect(redactor.redactString('card 378282246310006 1234')).toBe('card 378282246310006 1234');
  });

  it('does not strip a last group of five digits', () => {
    expect(redactor.redactString('ref 4222222222222 12345')).toBe('ref 4222222222222 12345');
  });

  it('keeps a single run of digits that is no card whole', () => {
    expect(redactor.redactString('n 3782822463100051234')).toBe('n 3782822463100051234');
  });

  it('keeps a Luhn-valid run of a length no issuer starting with its digit uses', () => {
    // 14 digits starting with 4 (Visa has 13, 16 and 19), 14 and 17 starting with 1 (UATP has 15).
    for (const run of ['41111111111114', '12345678901237', '11111111111111116']) {
      expect(redactor.redactString(`id ${run}`)).toBe(`id ${run}`);
    }
  });
});
