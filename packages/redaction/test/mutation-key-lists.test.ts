import { createRedactor, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// Every entry of the lists the README documents, each pinned on its own: dropping one from the
// code must fail a test.
const redactor = createRedactor();

/** Sensitive key fragments, as the README lists them. */
const SENSITIVE_KEY_FRAGMENTS = [
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'secret',
  'token',
  'authorization',
  'cookie',
  'session',
  'apikey',
  'accesskey',
  'privatekey',
  'credential',
  'jwt',
  'bearer',
  'csrf',
  'xsrf',
  'signature',
  'phonenumber',
  'phone',
  'email',
  'creditcard',
  'cardnumber',
  'iban',
  'passport',
  'vcard',
  'clientaddress',
  'clientip',
  'forwardedfor',
  'realip',
];

/** Query names masked by the `secret_query_param` rule in any text (not only URL attributes). */
const SECRET_QUERY_NAMES = [
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'secret_token',
  'client_secret',
  'secret',
  'api_key',
  'apikey',
  'key',
  'password',
  'passwd',
  'pwd',
  'auth',
  'code',
  'session',
  'sessionid',
  'sig',
  'signature',
  'AWSAccessKeyId',
  'X-Amz-Signature',
  'X-Amz-Credential',
  'X-Amz-Security-Token',
  'X-Goog-Signature',
];

/** Extra parameter names masked in URL attributes only (one-time codes, Mini App init data). */
const URL_ONLY_QUERY_NAMES = [
  'code',
  'key',
  'auth',
  'sig',
  'hash',
  'otp',
  'initData',
  'tgWebAppData',
  'user',
  'query_id',
  'receiver',
  'chat_instance',
];

describe('every documented sensitive key fragment', () => {
  it.each(SENSITIVE_KEY_FRAGMENTS)(
    'replaces the whole value under a key containing %j',
    (fragment) => {
      // Upper case and separators around the fragment: the key is normalised before matching.
      const key = `app.${fragment.toUpperCase()}_value`;
      const tally = new RedactionTally();
      const out = redactor.redactAttributes({ [key]: 'plain words', other: 'plain words' }, tally);
      expect(out).toEqual({ [key]: '[REDACTED:sensitive_key]', other: 'plain words' });
      expect(tally.count).toBe(1);
    },
  );

  it('leaves keys with none of the fragments alone', () => {
    const attributes = { 'app.colour': 'plain words', 'app.count': 3 };
    expect(redactor.redactAttributes(attributes)).toBe(attributes);
  });
});

describe('every documented secret query parameter name', () => {
  it.each(SECRET_QUERY_NAMES)('masks the value of %j in free text, and nothing else', (name) => {
    const tally = new RedactionTally();
    const out = redactor.redactString(`see /cb?${name}=abcdef123&state=ok`, tally);
    expect(out).toBe(`see /cb?${name}=[REDACTED:secret_query_param]&state=ok`);
    expect(tally.ruleNames()).toEqual(['secret_query_param']);
  });

  it('leaves other parameters in free text alone', () => {
    expect(redactor.redactString('see /cb?state=abcdef123&page=2')).toBe(
      'see /cb?state=abcdef123&page=2',
    );
  });
});

describe('every documented URL-only query parameter name', () => {
  it.each(URL_ONLY_QUERY_NAMES)('masks %j in a URL attribute, query and fragment', (name) => {
    const out = redactor.redactAttributes({
      'url.full': `https://example.com/app?page=2&${name}=abc123def#${name}=xyz789`,
    });
    expect(out['url.full']).toBe(
      `https://example.com/app?page=2&${name}=[REDACTED:secret_query_param]#${name}=[REDACTED:secret_query_param]`,
    );
  });

  it.each([
    ['url.full', 'https://example.com/app?otp=123456&page=2'],
    ['http.url', 'https://example.com/app?otp=123456&page=2'],
    ['url.original', '/app?otp=123456&page=2'],
    ['http.target', '/app?otp=123456&page=2'],
  ])('treats %j as a URL', (key, value) => {
    expect(redactor.redactAttributes({ [key]: value })[key]).toBe(
      value.replace('123456', '[REDACTED:secret_query_param]'),
    );
  });

  it('reads url.query as a query without its "?" and url.fragment without its "#"', () => {
    const out = redactor.redactAttributes({
      'url.query': 'otp=123456&page=2',
      'url.fragment': 'hash=abcdef&page=2',
    });
    expect(out).toEqual({
      'url.query': 'otp=[REDACTED:secret_query_param]&page=2',
      'url.fragment': 'hash=[REDACTED:secret_query_param]&page=2',
    });
  });

  it('does not mask those names outside URL attributes, nor other names inside them', () => {
    const attributes = {
      'app.link': 'https://example.com/app?chat_instance=123456',
      'url.full': 'https://example.com/app?page=2&lang=en',
    };
    expect(redactor.redactAttributes(attributes)).toBe(attributes);
  });

  it('masks a parameter whose percent-encoded name is sensitive, and keeps empty values', () => {
    const out = redactor.redactAttributes({
      'url.full': 'https://example.com/app?%6Ftp=123456&otp=&page=2',
    });
    expect(out['url.full']).toBe(
      'https://example.com/app?%6Ftp=[REDACTED:secret_query_param]&otp=&page=2',
    );
  });

  it('masks a URL parameter named like a sensitive key, counted once per value', () => {
    const tally = new RedactionTally();
    const out = redactor.redactAttributes(
      { 'url.full': 'https://example.com/app?user_email=alice-at-home&phone=1' },
      tally,
    );
    expect(out['url.full']).toBe(
      'https://example.com/app?user_email=[REDACTED:secret_query_param]&phone=[REDACTED:secret_query_param]',
    );
    expect(tally.count).toBe(2);
    expect(tally.ruleNames()).toEqual(['secret_query_param']);
  });
});
