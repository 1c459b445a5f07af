import {
  type AllowedShape,
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactionTally,
  type ShapeRule,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const UNEXPECTED = '[REDACTED:unexpected_shape]';
const CARD = '4111 1111 1111 1111';

function attributesOut(redactor: ReturnType<typeof createRedactor>, attributes: object) {
  const tally = new RedactionTally();
  const out = redactor.redactAttributes(attributes as never, tally);
  return { out, count: tally.count, rules: tally.ruleNames() };
}

describe('allowValues', () => {
  it('keeps a rule match only when the allowed pattern covers it whole', () => {
    const redactor = createRedactor(extendPolicy(defaultPolicy, { allowValues: [/4111 1111/g] }));
    expect(redactor.redactString(`card ${CARD}`)).toBe('card [REDACTED:payment_card]');
    const exact = createRedactor(
      extendPolicy(defaultPolicy, { allowValues: [/4111 1111 1111 1111/g] }),
    );
    // Asked twice: a global pattern's state must not change the verdict.
    expect(exact.redactString(`card ${CARD}`)).toBe(`card ${CARD}`);
    expect(exact.redactString(`card ${CARD}`)).toBe(`card ${CARD}`);
    expect(exact.redactString('card 5555 5555 5555 4444')).toBe('card [REDACTED:payment_card]');
  });

  it('does not allow a match that the pattern finds only further in', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { allowValues: [/1111 1111 1111/] }),
    );
    expect(redactor.redactString(CARD)).toBe('[REDACTED:payment_card]');
  });

  it('checks every allowed pattern', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { allowValues: [/nothing/, /bob@example\.com/] }),
    );
    expect(redactor.redactString('bob@example.com, eve@example.com')).toBe(
      'bob@example.com, [REDACTED:email]',
    );
  });

  it('looks again inside a vetoed match, so an allowed one cannot hide a real secret', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { allowValues: [/x+@example\.com/] }),
    );
    // The e-mail rule first sees the whole run; once allowed, a later start is a new match.
    expect(redactor.redactString('xx@example.com')).toBe('xx@example.com');
  });
});

describe('allowlisted keys with a type and shape', () => {
  const redactor = createRedactor();

  it.each([
    ['trace_id', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['span_id', '00f067aa0ba902b7'],
    ['traceId', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['spanId', '00f067aa0ba902b7'],
    ['trace.id', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['span.id', '00f067aa0ba902b7'],
    ['redaction.masked.count', 12],
    ['redaction.masked.rules', 'email,known_secret,trace_content'],
  ])('lets %j pass with a value of its shape, every time', (key, value) => {
    const attributes = { [key]: value };
    expect(attributesOut(redactor, attributes)).toEqual({ out: attributes, count: 0, rules: [] });
    expect(attributesOut(redactor, { ...attributes })).toEqual({
      out: attributes,
      count: 0,
      rules: [],
    });
  });

  it.each([
    ['trace_id', '4bf92f3577b34da6a3ce929d0e0e47'],
    ['trace_id', '4bf92f3577b34da6a3ce929d0e0e47361'],
    ['trace_id', 'x4bf92f3577b34da6a3ce929d0e0e4736'],
    ['span_id', '00f067aa0ba902b7a'],
    ['span_id', '00F067AA0BA902B7'],
    ['span_id', 12345],
    ['redaction.masked.count', 1.5],
    ['redaction.masked.count', 2 ** 53],
    ['redaction.masked.count', '12'],
    ['redaction.masked.count', 1234567890123456],
    ['redaction.masked.rules', 'email,my_rule'],
    ['redaction.masked.rules', 'email,'],
    ['redaction.masked.rules', 'alice@example.com'],
    ['redaction.masked.rules', 42],
  ])('replaces %j = %j, a value it never carries', (key, value) => {
    expect(attributesOut(redactor, { [key]: value })).toEqual({
      out: { [key]: UNEXPECTED },
      count: 1,
      rules: ['unexpected_shape'],
    });
  });

  it('does not count a value that already is the marker again', () => {
    const attributes = { trace_id: UNEXPECTED, password: '[REDACTED:sensitive_key]' };
    expect(attributesOut(redactor, attributes)).toEqual({ out: attributes, count: 0, rules: [] });
  });

  it('takes an app shape of type integer or string', () => {
    const shapes: Record<string, AllowedShape> = {
      'app.count': { type: 'integer', pattern: /^[0-9]{1,3}$/ },
      'app.code': { type: 'string', pattern: /^[A-Z]{3}$/ },
    };
    const custom = createRedactor(extendPolicy(defaultPolicy, { allowKeys: shapes }));
    expect(attributesOut(custom, { 'app.count': 999, 'app.code': 'ABC' }).count).toBe(0);
    expect(attributesOut(custom, { 'app.count': '999', 'app.code': 123 }).out).toEqual({
      'app.count': UNEXPECTED,
      'app.code': UNEXPECTED,
    });
    expect(attributesOut(custom, { 'app.count': 1000, 'app.code': 'ABCD' }).out).toEqual({
      'app.count': UNEXPECTED,
      'app.code': UNEXPECTED,
    });
  });
});

describe('allowlisted keys with a bare pattern', () => {
  const custom = createRedactor(
    extendPolicy(defaultPolicy, { allowKeys: { 'app.flag': /^(?:true|false|[0-9]{13,19}|on)$/g } }),
  );

  it('lets any primitive of that shape pass unscanned', () => {
    // A number that would otherwise be masked as a card passes under this key.
    const attributes = { 'app.flag': 4111111111111111 };
    expect(attributesOut(custom, attributes)).toEqual({ out: attributes, count: 0, rules: [] });
    expect(attributesOut(custom, { 'app.flag': true }).count).toBe(0);
    expect(attributesOut(custom, { 'app.flag': 'on' }).count).toBe(0);
    expect(attributesOut(custom, { 'app.flag': 'on' }).count).toBe(0);
  });

  it('scans anything else under it like any value, never replacing it whole', () => {
    expect(attributesOut(custom, { 'app.flag': ['x', 'bob@example.com'] }).out).toEqual({
      'app.flag': ['x', '[REDACTED:email]'],
    });
    expect(attributesOut(custom, { 'app.flag': 'off' }).out).toEqual({ 'app.flag': 'off' });
  });

  it('does not pass a registered secret of that shape', () => {
    const withSecret = createRedactor(
      extendPolicy(defaultPolicy, {
        allowKeys: { 'app.flag': /^[0-9]{13,19}$/ },
        secrets: ['4111111111111111'],
      }),
    );
    expect(withSecret.redactAttributes({ 'app.flag': '4111111111111111' })).toEqual({
      'app.flag': '[REDACTED:known_secret]',
    });
  });

  it('stops passing a number that passed before once it is registered as a secret', () => {
    const later = createRedactor(
      extendPolicy(defaultPolicy, {
        allowKeys: { 'app.pin': { type: 'integer', pattern: /^[0-9]{8}$/ } },
      }),
    );
    // The span and the log record of an update carry the same number: the second check is remembered.
    expect(later.redactAttributes({ 'app.pin': 80512345 })).toEqual({ 'app.pin': 80512345 });
    expect(later.redactAttributes({ 'app.pin': 80512345 })).toEqual({ 'app.pin': 80512345 });
    later.addSecret('80512345');
    // A typed key's value that is not what it may carry is replaced whole.
    expect(later.redactAttributes({ 'app.pin': 80512345 })).toEqual({ 'app.pin': UNEXPECTED });
  });
});

describe('shape rules', () => {
  const person: ShapeRule = {
    name: 'person',
    whenKeys: ['kind', 'name'],
    test: (object) => object.kind === 'person',
    fields: ['name', 'age'],
  };
  const pet: ShapeRule = { name: 'pet', whenKeys: ['kind', 'species'], fields: ['species'] };
  const ignored: ShapeRule = { name: 'empty', whenKeys: [], fields: ['kind'] };
  const redactor = createRedactor(
    extendPolicy(defaultPolicy, { addShapeRules: [ignored, person, pet] }),
  );
  const PERSONAL = '[REDACTED:personal_field]';

  it('replaces the fields of a map with every key of a rule, at any depth', () => {
    const tally = new RedactionTally();
    const out = redactor.redactValue(
      { list: [{ kind: 'person', name: 'Ann Smith', age: 33, city: 'Oslo' }] },
      tally,
    );
    expect(out).toEqual({
      list: [{ kind: 'person', name: PERSONAL, age: PERSONAL, city: 'Oslo' }],
    });
    expect(tally.count).toBe(2);
    expect(tally.ruleNames()).toEqual(['personal_field']);
  });

  it('applies every rule whose keys are all there', () => {
    expect(redactor.redactValue({ kind: 'person', name: 'Ann', species: 'cat' })).toEqual({
      kind: 'person',
      name: PERSONAL,
      species: PERSONAL,
    });
  });

  it('leaves a map that lacks a key of the rule, or fails its test', () => {
    const partial = { kind: 'person', age: 33 };
    expect(redactor.redactValue(partial)).toBe(partial);
    const robot = { kind: 'robot', name: 'R2', age: 40 };
    expect(redactor.redactValue(robot)).toBe(robot);
  });

  it('keeps null fields and fields already masked, uncounted', () => {
    const tally = new RedactionTally();
    const value = { kind: 'person', name: PERSONAL, age: null };
    expect(redactor.redactValue(value, tally)).toBe(value);
    expect(tally.count).toBe(0);
  });
});

describe('extendPolicy', () => {
  it('removes rules by name and sensitive keys, adds rules and keys, merges limits', () => {
    const policy = extendPolicy(defaultPolicy, {
      removeRules: ['email'],
      removeSensitiveKeys: ['session'],
      addSensitiveKeys: ['colour'],
      addRules: [{ name: 'order_ref', pattern: /ORD-[0-9]{6}/ }],
      limits: { maxDepth: 2 },
    });
    const redactor = createRedactor(policy);
    expect(redactor.redactValue({ session: 'a@example.com ORD-123456', colour: 'red' })).toEqual({
      session: 'a@example.com [REDACTED:order_ref]',
      colour: '[REDACTED:sensitive_key]',
    });
    expect(policy.limits).toEqual({ maxStringLength: 8192, maxDepth: 2, minSecretLength: 6 });
    expect(redactor.isRuleName('order_ref')).toBe(true);
    expect(redactor.isRuleName('email')).toBe(false);
    expect(defaultPolicy.valueRules.some((rule) => rule.name === 'email')).toBe(true);
  });

  it('ignores a sensitive key that normalises to nothing', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { addSensitiveKeys: ['--', 'Colour'] }),
    );
    expect(redactor.redactAttributes({ 'app.size': 'L', 'app.colour': 'red' })).toEqual({
      'app.size': 'L',
      'app.colour': '[REDACTED:sensitive_key]',
    });
  });

  it('keeps every rule, key and list of the base when no change is asked for', () => {
    const policy = extendPolicy(defaultPolicy, {});
    expect(policy.valueRules).toEqual(defaultPolicy.valueRules);
    expect(policy.sensitiveKeys).toEqual(defaultPolicy.sensitiveKeys);
    expect(policy.allowedKeys).toEqual(defaultPolicy.allowedKeys);
    expect(policy.allowedValues).toEqual([]);
    expect(policy.secrets).toEqual([]);
    expect(policy.sensitiveQueryParams).toBe(defaultPolicy.sensitiveQueryParams);
    expect(policy.contentLimits).toBe(defaultPolicy.contentLimits);
  });

  it('knows the engine rule names', () => {
    const redactor = createRedactor();
    for (const name of [
      'known_secret',
      'sensitive_key',
      'rule_error',
      'unreadable',
      'cycle',
      'max_depth',
      'max_length',
      'unexpected_shape',
      'trace_content',
      'personal_field',
      'secret_query_param',
      'telegram_token',
    ]) {
      expect(redactor.isRuleName(name)).toBe(true);
    }
    expect(redactor.isRuleName('no_such_rule')).toBe(false);
  });
});

describe('rules without a trigger, and a policy without rules or keys', () => {
  it('runs a rule that has no trigger on every string', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { addRules: [{ name: 'zz', pattern: /zz[0-9]+/ }] }),
    );
    expect(redactor.redactString('a zz12 b zz3')).toBe('a [REDACTED:zz] b [REDACTED:zz]');
  });

  it('skips empty matches of a rule instead of looping on them', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { addRules: [{ name: 'xs', pattern: /x*/ }] }),
    );
    expect(redactor.redactString('abc')).toBe('abc');
    expect(redactor.redactString('axxb x')).toBe('a[REDACTED:xs]b [REDACTED:xs]');
  });

  it('runs a rule written with the u flag', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, { addRules: [{ name: 'ue', pattern: /\p{Lu}{3}-\d+/u }] }),
    );
    expect(redactor.redactString('id ÄÖÜ-12, bob@example.com')).toBe(
      'id [REDACTED:ue], [REDACTED:email]',
    );
  });

  it('masks nothing by key or rule when the policy has none', () => {
    const bare = createRedactor({
      ...defaultPolicy,
      valueRules: [],
      sensitiveKeys: [],
      allowedKeys: {},
    });
    const value = { password: 'bob@example.com' };
    expect(bare.redactValue(value)).toBe(value);
    bare.addSecret('hunter22');
    expect(bare.redactValue({ password: 'x hunter22' })).toEqual({
      password: 'x [REDACTED:known_secret]',
    });
  });
});

describe('allowTexts', () => {
  const TEXTS = ['update handled', 'telegram.update message'];
  const TRACE = 'a'.repeat(32);
  /** A redactor whose content registry holds `values` for TRACE, and a redaction inside that trace. */
  function inTraceOf(
    values: string[],
    policy = extendPolicy(defaultPolicy, { allowTexts: TEXTS }),
  ) {
    const redactor = createRedactor(policy);
    redactor.content.remember(TRACE, values);
    return {
      redactor,
      redact: (text: string) => redactor.inTrace(TRACE, () => redactor.redactString(text)),
    };
  }

  it('passes an allowed text whole, even when a user sent exactly that text (control: masked without it)', () => {
    const { redact } = inTraceOf(['update handled']);
    expect(redact('update handled')).toBe('update handled');
    const control = inTraceOf(['update handled'], defaultPolicy);
    expect(control.redact('update handled')).toBe('[REDACTED:trace_content]');
  });

  it('passes only the whole text: a longer one holding it is scanned', () => {
    const { redact } = inTraceOf(['update handled']);
    expect(redact('update handled for bob@example.com')).toBe(
      '[REDACTED:trace_content] for [REDACTED:email]',
    );
    expect(redact('update handled!')).toBe('[REDACTED:trace_content]!');
  });

  it('never passes a registered secret that equals an allowed text', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        allowTexts: ['s3cret-value-42'],
        secrets: ['s3cret-value-42'],
      }),
    );
    expect(redactor.redactString('s3cret-value-42')).toBe('[REDACTED:known_secret]');
  });

  it('adds to the texts a base policy allows', () => {
    const policy = extendPolicy(extendPolicy(defaultPolicy, { allowTexts: ['first text'] }), {
      allowTexts: ['second text'],
    });
    expect(policy.allowedTexts).toEqual(['first text', 'second text']);
    expect(defaultPolicy.allowedTexts).toEqual([]);
  });

  it('still masks the trace content in every other string of the same trace', () => {
    const { redactor } = inTraceOf(['Ann Example']);
    const out = redactor.inTrace(TRACE, () => ({
      name: redactor.redactString('telegram.update message'),
      body: redactor.redactValue({ note: 'from Ann Example', nested: { 'Ann Example': 1 } }),
    }));
    expect(out).toEqual({
      name: 'telegram.update message',
      body: { note: 'from [REDACTED:trace_content]', nested: { '[REDACTED:trace_content]': 1 } },
    });
  });
});

describe('attribute maps that pass whole', () => {
  const TRACE = 'b'.repeat(32);
  const ID = 'c'.repeat(32);

  it('still replaces a shape rule’s personal field that is allowlisted as well', () => {
    const person: ShapeRule = { name: 'person', whenKeys: ['kind'], fields: ['name'] };
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        allowKeys: { kind: /^user$/, name: /^[A-Za-z ]+$/ },
        addShapeRules: [person],
      }),
    );
    const attributes = { kind: 'user', name: 'Ann Example' };
    // Twice: the second time every key's verdict is known, as for a record of a long-running bot.
    for (let i = 0; i < 2; i++) {
      expect(attributesOut(redactor, attributes).out).toEqual({
        kind: 'user',
        name: '[REDACTED:personal_field]',
      });
    }
  });

  it('records a throwing getter under an allowlisted key, keeping the rest of the map', () => {
    const redactor = createRedactor();
    attributesOut(redactor, { trace_id: ID, span_id: ID.slice(0, 16) });
    const attributes = {
      trace_id: ID,
      get span_id(): string {
        throw new Error('gone');
      },
    };
    const { out, rules } = attributesOut(redactor, attributes);
    // Unreadable, and the marker is no span id: replaced under the typed key.
    expect(out).toEqual({ trace_id: ID, span_id: '[REDACTED:unexpected_shape]' });
    expect(rules.sort()).toEqual(['unexpected_shape', 'unreadable']);
  });

  it('copies a snapshot of allowlisted values instead of handing back the live map', () => {
    const redactor = createRedactor();
    const body = { trace_id: ID };
    redactor.redactAttributes(body);
    const snapshot = redactor.snapshotValue(body);
    expect(snapshot).toEqual(body);
    expect(snapshot).not.toBe(body);
  });

  it('masks a trace’s content in the keys of a nested map, allowlisted keys included', () => {
    const redactor = createRedactor();
    redactor.redactAttributes({ trace_id: ID });
    redactor.content.remember(TRACE, ['trace_id']);
    const out = redactor.inTrace(TRACE, () => redactor.redactValue({ inner: { trace_id: ID } }));
    expect(out).toEqual({ inner: { '[REDACTED:trace_content]': ID } });
  });
});
