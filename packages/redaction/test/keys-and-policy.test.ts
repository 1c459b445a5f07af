import {
  createPseudonymiser,
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactionTally,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const redactor = createRedactor();

describe('sensitive keys', () => {
  it.each([
    'password',
    'Password',
    'db.PASSWORD',
    'api_key',
    'apiKey',
    'X-API-Key',
    'http.request.header.authorization',
    'http.request.header.cookie',
    'http.response.header.set-cookie',
    'session_id',
    'private_key',
    'phone_number',
    'client_secret',
    'x-telegram-bot-api-secret-token',
    'accessToken',
  ])('replaces the whole value under %j', (key) => {
    const tally = new RedactionTally();
    const out = redactor.redactAttributes({ [key]: 'plain-looking value 42' }, tally);
    expect(out[key]).toBe('[REDACTED:sensitive_key]');
    expect(tally.ruleNames()).toEqual(['sensitive_key']);
  });

  it('applies at any depth and to non-string values', () => {
    const out = redactor.redactValue({
      user: { profile: { Phone_Number: 79001234567, tags: ['a'] } },
      list: [{ token: true }],
    });
    expect(out).toEqual({
      user: { profile: { Phone_Number: '[REDACTED:sensitive_key]', tags: ['a'] } },
      list: [{ token: '[REDACTED:sensitive_key]' }],
    });
  });

  it.each([
    ['trace_id', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['span_id', '00f067aa0ba902b7'],
    ['redaction.masked.count', 3],
    ['redaction.masked.rules', 'email,telegram_token'],
    ['telegram.update.type', 'message'],
    ['telegram.api.method', 'sendMessage'],
    ['telegram.api.error_code', 403],
    ['http.response.status_code', 200],
  ])('lets our own telemetry key %j pass', (key, value) => {
    const tally = new RedactionTally();
    const attributes = { [key]: value };
    expect(redactor.redactAttributes(attributes, tally)).toBe(attributes);
    expect(tally.count).toBe(0);
  });

  it('replaces a value of one of our own keys that does not have its type and shape', () => {
    const out = redactor.redactAttributes({
      'redaction.masked.count': 'alice@example.com',
      'redaction.masked.rules': '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789',
    });
    expect(out['redaction.masked.count']).toBe('[REDACTED:unexpected_shape]');
    expect(out['redaction.masked.rules']).toBe('[REDACTED:unexpected_shape]');
  });

  describe("an integration's keys, allowlisted with a type and a value shape", () => {
    const { pattern } = createPseudonymiser({ key: 'k'.repeat(32), keyVersion: 7 });
    const integration = createRedactor(
      extendPolicy(defaultPolicy, {
        allowKeys: {
          'app.user.hash': { type: 'string', pattern },
          'app.request.id': { type: 'integer', pattern: /^[0-9]{1,16}$/ },
        },
      }),
    );

    it('pass unscanned when type and shape fit', () => {
      const attributes = { 'app.user.hash': 'v7:0123456789abcdef', 'app.request.id': 987654321 };
      expect(integration.redactAttributes(attributes)).toBe(attributes);
    });

    it.each([
      ['app.user.hash', 'alice@example.com'],
      ['app.user.hash', 'v1:0123456789abcdef'],
      ['app.user.hash', 'v7:0123456789abcdef0'],
      ['app.request.id', '987654321'],
      ['app.request.id', 10 ** 16],
    ])('replace %j = %j, which has another type or shape', (key, value) => {
      expect(integration.redactAttributes({ [key]: value })[key]).toBe(
        '[REDACTED:unexpected_shape]',
      );
    });
  });

  it('still scans a value of an app-allowlisted key (a bare pattern) that does not fit', () => {
    const custom = createRedactor(
      extendPolicy(defaultPolicy, { allowKeys: { 'app.count': /^[0-9]+$/ } }),
    );
    expect(custom.redactAttributes({ 'app.count': 'alice@example.com' })).toEqual({
      'app.count': '[REDACTED:email]',
    });
  });
});

describe('policy changes', () => {
  it('adds a rule', () => {
    const custom = createRedactor(
      extendPolicy(defaultPolicy, { addRules: [{ name: 'order_ref', pattern: /ORD-[0-9]{6}/g }] }),
    );
    expect(custom.redactString('order ORD-123456')).toBe('order [REDACTED:order_ref]');
  });

  it('removes a rule and a sensitive key', () => {
    const custom = createRedactor(
      extendPolicy(defaultPolicy, { removeRules: ['email'], removeSensitiveKeys: ['email'] }),
    );
    expect(custom.redactAttributes({ email: 'a@example.com' })).toEqual({ email: 'a@example.com' });
    expect(custom.redactString('+49 170 1234567')).toBe('[REDACTED:phone_number]');
  });

  it('adds sensitive keys and allowlists keys and values', () => {
    const custom = createRedactor(
      extendPolicy(defaultPolicy, {
        addSensitiveKeys: ['chat_title'],
        allowKeys: { 'gen_ai.usage.input_tokens': /^[0-9]+$/ },
        allowValues: [/4111 1111 1111 1111/],
      }),
    );
    expect(
      custom.redactAttributes({
        'chat.title': 'x',
        'gen_ai.usage.input_tokens': 42,
        note: 'test card 4111 1111 1111 1111',
      }),
    ).toEqual({
      'chat.title': '[REDACTED:sensitive_key]',
      'gen_ai.usage.input_tokens': 42,
      note: 'test card 4111 1111 1111 1111',
    });
    expect(redactor.redactAttributes({ 'gen_ai.usage.input_tokens': 42 })).toEqual({
      'gen_ai.usage.input_tokens': '[REDACTED:sensitive_key]',
    });
  });

  it('applies an allowlisted shape the same way every time, even with a global regex', () => {
    const custom = createRedactor(
      extendPolicy(defaultPolicy, { allowKeys: { 'app.session_count': /^[0-9]+$/g } }),
    );
    const attributes = { 'app.session_count': 7 };
    expect(custom.redactAttributes(attributes)).toBe(attributes);
    expect(custom.redactAttributes(attributes)).toBe(attributes);
  });

  it('leaves the default policy untouched', () => {
    const rulesBefore = defaultPolicy.valueRules.length;
    extendPolicy(defaultPolicy, { removeRules: ['email'], addSensitiveKeys: ['x'] });
    expect(defaultPolicy.valueRules.length).toBe(rulesBefore);
    expect(Object.isFrozen(defaultPolicy)).toBe(true);
  });
});
