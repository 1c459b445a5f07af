import { createRedactor, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor();
const TOKEN = '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789';

function redact(input: string): { out: string; rules: string[] } {
  const tally = new RedactionTally();
  const out = redactor.redactString(input, tally);
  return { out, rules: tally.ruleNames() };
}

/** [input, the secret part that must disappear] — each must be masked by the named rule. */
const truePositives: Record<string, [string, string][]> = {
  telegram_token: [
    [`https://api.telegram.org/bot${TOKEN}/sendMessage`, TOKEN],
    [`https://api.telegram.org/file/bot${TOKEN}/photos/file_1.jpg`, TOKEN],
    ['http://127.0.0.1:8081/bot123456789:AAHfakeSECR', '123456789:AAHfakeSECR'],
    ['http://127.0.0.1:8081/bot123456789', '123456789'],
    [`new Telegraf("${TOKEN}")`, TOKEN],
    [
      'BOT_TOKEN=123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
      '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11',
    ],
    [
      `request to https://x/bot${TOKEN.replace(':', '%3A')}/getMe failed`,
      TOKEN.replace(':', '%3A'),
    ],
    ['token 9876543210:AAH-truncated', '9876543210:AAH-truncated'],
  ],
  bearer_token: [
    ['Authorization: Bearer abc123.def-456_ghi', 'abc123.def-456_ghi'],
    ['authorization: bearer   c2VjcmV0LXRva2Vu==', 'c2VjcmV0LXRva2Vu=='],
  ],
  jwt: [
    [
      'jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJzdWIiOiIxMjM0NTY3ODkwIn0',
    ],
  ],
  url_credentials: [
    ['postgres://admin:hunter2@db.internal:5432/app', 'admin:hunter2'],
    ['see https://user%40x:p%40ss@example.com/path', 'p%40ss'],
  ],
  secret_query_param: [
    ['https://example.com/cb?code=abc123xyz&state=ok', 'abc123xyz'],
    ['/hook?Token=s3cr3t-value', 's3cr3t-value'],
    ['https://s3.amazonaws.com/b/k?X-Amz-Signature=deadbeefcafe&x=1', 'deadbeefcafe'],
  ],
  pem_private_key: [
    [
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
      'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
    ],
    [
      'key: -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk (cut',
      'MHcCAQEEIBkg4LVWM9nuwNSk',
    ],
  ],
  email: [
    ['contact alice.smith+tag@example.co.uk today', 'alice.smith+tag@example.co.uk'],
    ['{"from":"bob@mail.example"}', 'bob@mail.example'],
  ],
  phone_number: [
    ['call +49 170 1234567 now', '170 1234567'],
    ['+1 (415) 555-2671', '555-2671'],
    ['tel:+442071838750', '2071838750'],
  ],
  payment_card: [
    ['card 4111 1111 1111 1111 exp 12/30', '4111 1111 1111 1111'],
    ['pan=5555555555554444', '5555555555554444'],
    ['amex 3782-822463-10005', '3782-822463-10005'],
  ],
  iban: [
    ['pay to DE89 3704 0044 0532 0130 00 please', 'DE89 3704 0044 0532 0130 00'],
    ['GB82WEST12345698765432', 'GB82WEST12345698765432'],
    ['iban DE89370400440532013000 OK', 'DE89370400440532013000'],
  ],
};

/** Ordinary values that must pass unchanged. */
const falsePositives = [
  '12:34:56',
  'at 2026-11-30T03:20:04.123Z and 2026-11-30T03:20:04+01:00',
  'v1.2.3 node v24.21.0 telegraf@4.16.3 semver 1.0.0-rc.1+build.5',
  'update_id 987654321 chat -1001234567890 user 1234567890',
  'epoch ms 1732934404123 and 17329344041234',
  'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7',
  'uuid 123e4567-e89b-12d3-a456-426614174000',
  'http://127.0.0.1:8081/sendMessage?chat_id=42&text=hi',
  'https://example.com/robots.txt?page=2#top',
  'telegram.update message private handled in 12.5 ms',
  'ratio 1:2, host:port localhost:3000, time 1234567:1',
  'card-like but not Luhn 4111 1111 1111 1112',
  'not an IBAN DE00 1234 5678 9012 3456 78',
  'numbers 1234567890123 and 0000000000000',
  'v1:0123456789abcdef',
  'user@localhost is not an address with a TLD',
  '[REDACTED:telegram_token] and https://[REDACTED:url_credentials]@host',
];

describe('value rules', () => {
  for (const [rule, cases] of Object.entries(truePositives)) {
    describe(rule, () => {
      it.each(cases)('masks %j', (input, secret) => {
        const { out, rules } = redact(input);
        expect(out).not.toContain(secret);
        expect(out).toContain(`[REDACTED:${rule}]`);
        expect(rules).toContain(rule);
      });
    });
  }

  it.each(falsePositives)('leaves %j alone', (input) => {
    const { out, rules } = redact(input);
    expect(out).toBe(input);
    expect(rules).toEqual([]);
  });

  it('keeps the URL around a masked token so the Bot API method stays visible', () => {
    expect(redact(`http://127.0.0.1:1/bot${TOKEN}/sendMessage`).out).toBe(
      'http://127.0.0.1:1/bot[REDACTED:telegram_token]/sendMessage',
    );
    expect(redact('https://u:p@example.com/x').out).toBe(
      'https://[REDACTED:url_credentials]@example.com/x',
    );
    expect(redact('https://h/p?token=abc&x=1').out).toBe(
      'https://h/p?token=[REDACTED:secret_query_param]&x=1',
    );
  });

  it('masks every occurrence and counts each one', () => {
    const tally = new RedactionTally();
    const out = redactor.redactString('a@example.com b@example.org +49 170 1234567', tally);
    expect(out).toBe('[REDACTED:email] [REDACTED:email] [REDACTED:phone_number]');
    expect(tally.count).toBe(3);
    expect(tally.ruleNames()).toEqual(['email', 'phone_number']);
  });
});
