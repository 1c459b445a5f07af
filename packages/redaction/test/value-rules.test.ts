import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  phoneNumberRules,
  RedactionTally,
} from '@telegraf-otel/redaction';
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
    ['login link sent: /verify?otp=482913&user=7', '482913'],
    [
      'opened https://t.me/app?tgWebAppData=query_id%3DAAH1%26user%3D%257B%2522id%2522%253A42',
      'query_id%3DAAH1',
    ],
    ['Mini App said ?initData=user%3D%257B%2522first_name%2522%253A%2522Ann%2522', 'first_name'],
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

/** [input, exact output]: every byte of the secret gone, everything around it kept. */
const exactMasks: Record<string, [string, string][]> = {
  'payment cards: whole numbers of an issuer length, never a Luhn-valid prefix': [
    ['4111 1111 1111 1111 2024', '[REDACTED:payment_card] 2024'],
    ['card 4111 1111 1111 1111 123 exp', 'card [REDACTED:payment_card] exp'],
    ['bot 4000000000000002 0/sendMessage', 'bot [REDACTED:payment_card]/sendMessage'],
    ['4222222222222100', '4222222222222100'],
    ['4012-8888-8888-1882', '4012-8888-8888-1882'],
    ['mir 2200 0000 0000 0004', 'mir [REDACTED:payment_card]'],
    ['unionpay 6205500000000000004', 'unionpay [REDACTED:payment_card]'],
    ['airplus 122000000000003', 'airplus [REDACTED:payment_card]'],
    ['visa 4222222222222', 'visa [REDACTED:payment_card]'],
    ['"\\n5555555555554444"', '"\\n[REDACTED:payment_card]"'],
  ],
  'a long bot id before a colon is a token, not a card': [
    [
      'token 12345678901234567:AAHfakeSECRETtokenVALUE_xyz-0123456789 rejected',
      'token [REDACTED:telegram_token] rejected',
    ],
  ],
  'IBANs: country length and mod-97, any case and grouping, no fragment left': [
    ['de89 3704 0044 0532 0130 00', '[REDACTED:iban]'],
    ['DE89-3704-0044-0532-0130-00.', '[REDACTED:iban].'],
    ['BE68 5390 0754 7034 SENT', '[REDACTED:iban] SENT'],
    ['to DK5000400440116243 today', 'to [REDACTED:iban] today'],
    ['GB82\u00a0WEST\u00a01234\u00a05698\u00a07654\u00a032', '[REDACTED:iban]'],
    ['FR76\u202f3000\u202f6000\u202f0112\u202f3456\u202f7890\u202f189', '[REDACTED:iban]'],
    ['GB29NWBK6016133192681', 'GB29NWBK6016133192681'],
    ['DE88370400440532013000', 'DE88370400440532013000'],
  ],
  'phone numbers without a plus, in the default regions': [
    ['call 8 (916) 123-45-67', 'call [REDACTED:phone_number]'],
    ['ring 0049 30 1234567 now', 'ring [REDACTED:phone_number] now'],
    ['uk 020\u00a07946\u00a00958', 'uk [REDACTED:phone_number]'],
    ['+49 - 30 - 1234567', '[REDACTED:phone_number]'],
    [
      'us (415) 555-2671, fr 06 12 34 56 78',
      'us [REDACTED:phone_number], fr [REDACTED:phone_number]',
    ],
    ['+290 8999', '[REDACTED:phone_number]'],
  ],
  'digit groups that are not phone numbers': [
    ['2026-11-30 03:20:04', '2026-11-30 03:20:04'],
    ['from 192.168.100.200', 'from 192.168.100.200'],
    ['price 1 234 567.89', 'price 1 234 567.89'],
    ['cache user:0176822295:settings', 'cache user:0176822295:settings'],
    ['v10.0.19045.1234', 'v10.0.19045.1234'],
    ['price 10.99 20.49 30.00', 'price 10.99 20.49 30.00'],
    ['at 55.7558 37.6173', 'at 55.7558 37.6173'],
    ['range 55.7558 - 37.6173', 'range 55.7558 - 37.6173'],
  ],
  'credentials in a percent-encoded URL (a URL inside a parameter)': [
    ['https%3A%2F%2Fuser%3Apa55w0rd%40host', 'https%3A%2F%2F[REDACTED:url_credentials]%40host'],
    [
      'go?next=https%3A%2F%2Fu%3Ap%2540ss%40h%2Fx&y=1',
      'go?next=https%3A%2F%2F[REDACTED:url_credentials]%40h%2Fx&y=1',
    ],
    ['https%253A%252F%252Fu%253Apw%2540h', 'https%253A%252F%252F[REDACTED:url_credentials]%2540h'],
    ['https%3A%2F%2Fhost%2Fa%40b', 'https%3A%2F%2Fhost%2Fa%40b'],
  ],
  'internationalised e-mail addresses, whole, none of their letters left': [
    ['from jose.muñoz@gmail.com today', 'from [REDACTED:email] today'],
    ['иван@пример.рф', '[REDACTED:email]'],
    ['to 田中@example.jp', 'to [REDACTED:email]'],
    ['cut françois.dupont@exa…', 'cut [REDACTED:email]…'],
    ['telegraf@4.16.3 and user@localhost', 'telegraf@4.16.3 and user@localhost'],
  ],
  'Cookie and Set-Cookie values in free text, every cookie of them': [
    ['Cookie: theme=dark; sid=s3cr3t', 'Cookie: [REDACTED:cookie]'],
    ['Set-Cookie: sessionid=abc123; Path=/; HttpOnly', 'Set-Cookie: [REDACTED:cookie]'],
    ['curl -H "Cookie: sid=abc; x=y" https://h', 'curl -H "Cookie: [REDACTED:cookie]" https://h'],
    ['{"cookie":"a=b; sid=x\\"y"}', '{"cookie":"[REDACTED:cookie]"}'],
    ["{ 'set-cookie': [ 'sid=abc; Path=/' ] }", "{ 'set-cookie': [ '[REDACTED:cookie]' ] }"],
    ['I like cookies: yes', 'I like cookies: yes'],
  ],
  'authorization values of every scheme, bare or behind the header name': [
    ['Authorization: Basic dXNlcjpwYXNzd29yZA==', 'Authorization: Basic [REDACTED:authorization]'],
    ['authorization: s3cr3t-value', 'authorization: [REDACTED:authorization]'],
    [
      "{'Authorization': 'Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'}",
      "{'Authorization': 'Token [REDACTED:authorization]'}",
    ],
    [
      'sent Api-Token 22cb987851bc5659229114c62e60c79abd0d2c08',
      'sent Api-Token [REDACTED:authorization]',
    ],
    ['header Basic dXNlcjpwYXNzd29yZA==', 'header Basic [REDACTED:authorization]'],
    [
      'Authorization: Digest username="ann", realm="api", nonce="dcd98b", response="6629fae49393a05397450978507c4ef1", qop=auth',
      'Authorization: Digest [REDACTED:authorization]',
    ],
    ['Authorization: Bearer abc123.def', 'Authorization: Bearer [REDACTED:bearer_token]'],
    ['Basic information about cats', 'Basic information about cats'],
    ['Token expired', 'Token expired'],
  ],
  'API-key headers and secrets assigned in free text': [
    ['x-api-key: abcd1234efgh', 'x-api-key: [REDACTED:secret_assignment]'],
    ['{"client_secret": "abc def ghi"}', '{"client_secret": "[REDACTED:secret_assignment]"}'],
    ["{ password: 'hunter2' }", "{ password: '[REDACTED:secret_assignment]' }"],
    [
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY next',
      'AWS_SECRET_ACCESS_KEY=[REDACTED:secret_assignment] next',
    ],
    ['max_tokens=256 password_hash=argon2', 'max_tokens=256 password_hash=argon2'],
  ],
  'vendor key prefixes': [
    ['key sk-proj-SevzWEV_NmNnMndQ5gn6PjFcX_9ay5SEKse8AL0EuYAB0c', 'key [REDACTED:api_key]'],
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345 used', '[REDACTED:api_key] used'],
    ['github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEF', '[REDACTED:api_key]'],
    ['xoxb-781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD', '[REDACTED:api_key]'],
    ['aws AKIALALEMEL33243OLIB.', 'aws [REDACTED:api_key].'],
    ['AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe', '[REDACTED:api_key]'],
    ['glpat-Abc123Def456Ghi789Jkl0', '[REDACTED:api_key]'],
    ['stripe sk_live_51H8abcDEF123ghiJKL456', 'stripe [REDACTED:api_key]'],
    ['ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    ['uses sk-learn-examples-for-beginners', 'uses sk-learn-examples-for-beginners'],
  ],
  'two-segment JWTs and PGP private key blocks': [
    ['jwt eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZXN0In0 end', 'jwt [REDACTED:jwt] end'],
    [
      'k -----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK----- ok',
      'k [REDACTED:pem_private_key] ok',
    ],
  ],
  'the bare token rule leaves ARNs and XML type names alone': [
    [
      'arn:aws:sns:us-east-1:111122223333:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'arn:aws:sns:us-east-1:111122223333:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    ],
    [
      '<xsd:element type="clm54321:AgencyIdentificationCodeContentType"/>',
      '<xsd:element type="clm54321:AgencyIdentificationCodeContentType"/>',
    ],
  ],
};

describe('exact masks', () => {
  for (const [title, cases] of Object.entries(exactMasks)) {
    it.each(cases)(`${title}: %j`, (input, expected) => {
      expect(redact(input).out).toBe(expected);
    });
  }
});

describe('phone number regions', () => {
  const withRegions = (regions: Parameters<typeof phoneNumberRules>[0]) =>
    createRedactor(
      extendPolicy(defaultPolicy, {
        removeRules: ['phone_number'],
        addRules: phoneNumberRules(regions),
      }),
    );

  it('reads national formats only for the configured regions; international ones always', () => {
    const national = 'call (415) 555-2671';
    const international = 'call +44 20 7946 0958';
    expect(withRegions([]).redactString(national)).toBe(national);
    expect(withRegions(['US']).redactString(national)).toBe('call [REDACTED:phone_number]');
    expect(withRegions([]).redactString(international)).toBe('call [REDACTED:phone_number]');
  });
});
