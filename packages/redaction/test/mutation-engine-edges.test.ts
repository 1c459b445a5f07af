import { DiagLogLevel, diag } from '@opentelemetry/api';
import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactionTally,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const ERROR = '[REDACTED:rule_error]';
const UNEXPECTED = '[REDACTED:unexpected_shape]';

describe('failures that throw something other than an error', () => {
  it('drops a value whose rule throws undefined', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          {
            name: 'ticket',
            pattern: /tk-[0-9]+/,
            validate: () => {
              throw undefined;
            },
          },
        ],
      }),
    );
    expect(redactor.redactString('x tk-1')).toBe(ERROR);
  });

  it('drops an object whose keys cannot be listed, and counts it', () => {
    const tally = new RedactionTally();
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw undefined;
        },
      },
    );
    expect(createRedactor().redactValue(hostile, tally)).toBe(ERROR);
    expect(tally.ruleNames()).toEqual(['rule_error']);
  });
});

describe('sensitive key names that hold a masked value', () => {
  it('judges the key without the marker in it', () => {
    expect(createRedactor().redactValue({ 'pass alice@example.com word': 'v' })).toEqual({
      'pass [REDACTED:email] word': '[REDACTED:sensitive_key]',
    });
  });
});

describe('query parameters outside URL attributes', () => {
  it('are left to the value rules', () => {
    const value = { q: 'sig=abcdefabcdef12345&x=1' };
    expect(createRedactor().redactValue(value)).toBe(value);
  });
});

describe('values of allowlisted keys of the wrong type', () => {
  const redactor = createRedactor(
    extendPolicy(defaultPolicy, {
      allowKeys: {
        big: { type: 'integer', pattern: /^[0-9]+$/ },
        text: { type: 'string', pattern: /^[0-9]+$/ },
        list: /^[0-9,]+$/,
      },
    }),
  );

  it('replaces an integer beyond the safe range or a numeric string under an integer key', () => {
    expect(redactor.redactValue({ big: 2 ** 60 })).toEqual({ big: UNEXPECTED });
    expect(redactor.redactValue({ big: '123' })).toEqual({ big: UNEXPECTED });
    expect(redactor.redactValue({ big: 123 })).toEqual({ big: 123 });
  });

  it('replaces a number under a string key', () => {
    expect(redactor.redactValue({ text: 5 })).toEqual({ text: UNEXPECTED });
    expect(redactor.redactValue({ text: '5' })).toEqual({ text: '5' });
  });

  it('scans an array under a primitive key even when its text has the shape', () => {
    expect(redactor.redactValue({ list: [4111111111111111, 1] })).toEqual({
      list: ['[REDACTED:payment_card]', 1],
    });
  });
});

describe('values that are neither text, numbers nor objects', () => {
  it('are kept as they are, also at the maximum depth', () => {
    const redactor = createRedactor(extendPolicy(defaultPolicy, { limits: { maxDepth: 1 } }));
    const fn = () => 1;
    const symbol = Symbol('s');
    const value = { a: true, f: fn, s: symbol, u: undefined };
    expect(redactor.redactValue(value)).toBe(value);
    expect(redactor.redactValue(undefined)).toBeUndefined();
  });
});

describe("a trace's content in map keys", () => {
  const TRACE = '0af7651916cd43dd8448eb211c80319c';
  const MASK = '[REDACTED:trace_content]';
  const redactor = createRedactor();
  redactor.content.remember(TRACE, ['Zebulon']);

  it('is left in attribute names, which code chooses', () => {
    const attributes = { Zebulon: 1 };
    expect(redactor.inTrace(TRACE, () => redactor.redactAttributes(attributes))).toBe(attributes);
  });

  it('is masked in the keys of nested maps', () => {
    expect(redactor.inTrace(TRACE, () => redactor.redactValue({ a: { Zebulon: 1 } }))).toEqual({
      a: { [MASK]: 1 },
    });
  });

  it('is not looked for outside a trace', () => {
    const value = { a: { Zebulon: 1 } };
    expect(redactor.redactValue(value)).toBe(value);
  });
});

describe('secret sources', () => {
  it('skip empty and non-string values and values already polled, without a warning', () => {
    const warnings: string[] = [];
    const noop = () => {};
    diag.setLogger(
      {
        error: noop,
        warn: (m: string) => warnings.push(m),
        info: noop,
        debug: noop,
        verbose: noop,
      },
      DiagLogLevel.WARN,
    );
    try {
      const redactor = createRedactor();
      const values = [undefined, '', 's3cret-value-2'] as unknown as string[];
      redactor.addSecretSource(() => values);
      redactor.pollSecretSources();
      expect(redactor.generation).toBe(1);
      expect(warnings).toEqual([]);
    } finally {
      diag.disable();
    }
  });
});

describe('URL attributes that hold no string', () => {
  it('are redacted as the values they are', () => {
    expect(
      createRedactor().redactValue({
        'url.full': ['https://x.io/a?password=hunter2xyz&b=1', 4111111111111111],
        'url.query': { password: 'p', page: 2 },
      }),
    ).toEqual({
      'url.full': [
        'https://x.io/a?password=[REDACTED:secret_query_param]&b=1',
        '[REDACTED:payment_card]',
      ],
      'url.query': { password: '[REDACTED:sensitive_key]', page: 2 },
    });
  });
});
