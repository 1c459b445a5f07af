import { createRedactor, defaultValueRules, RedactionTally } from '@telegraf-otel/redaction';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const luhnDigit = (body: string): string => {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return String((10 - (sum % 10)) % 10);
};

const botToken = fc.stringMatching(/^[1-9][0-9]{7,9}:AA[A-Za-z0-9_-]{33}$/);
const webhookSecret = fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/);
const pseudonymKey = fc.stringMatching(/^[A-Za-z0-9+/]{43}=$/);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._+-]{2,20}$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{1,15}\.[a-z]{2,6}$/),
  )
  .map(([local, domain]) => `${local}@${domain}`);
const phone = fc
  .tuple(
    fc.constantFrom('+1 ', '+44 ', '+49 ', '+7', '+380 '),
    fc.stringMatching(/^[0-9]{3} [0-9]{3} [0-9]{4}$/),
  )
  .map(([cc, rest]) => cc + rest);
const card = fc
  .tuple(
    fc.constantFrom('4', '51', '55', '37', '6011'),
    fc.stringMatching(/^[0-9]{14}$/),
    fc.boolean(),
  )
  .map(([prefix, digits, spaced]) => {
    // American Express numbers have 15 digits, the others 16.
    const body = (prefix + digits).slice(0, prefix === '37' ? 14 : 15);
    const pan = body + luhnDigit(body);
    return spaced ? pan.replace(/(\d{4})(?=\d)/g, '$1 ') : pan;
  });

/** Delimiters a value really sits between in text, JSON, URLs and stack traces. */
const delimiter = fc.constantFrom(
  ' ',
  '\n',
  '"',
  "'",
  ',',
  ';',
  '=',
  ':',
  '/',
  '(',
  ')',
  '<',
  '>',
  '\t',
);

/** The places a canary can end up in: a URL, an error message, a stack trace, plain prose. */
const textContext = (canary: fc.Arbitrary<string>) =>
  fc
    .tuple(
      fc.constantFrom(
        (c: string) => `https://api.telegram.org/bot${c}/sendMessage?chat_id=1`,
        (c: string) => `http://127.0.0.1:8081/path?q=${c}&x=1`,
        (c: string) =>
          `FetchError: request to https://example.com/${c} failed, reason: ECONNREFUSED`,
        (c: string) =>
          `Error: 400: Bad Request: ${c}\n    at Telegram.callApi (/app/node_modules/x.js:1:2)\n    at async ${c}`,
        (c: string) => `user said ${c}`,
      ),
      fc.string({ maxLength: 40 }),
      delimiter,
      canary,
      delimiter,
      fc.string({ maxLength: 40 }),
    )
    .map(([wrap, before, d1, secret, d2, after]) => ({
      secret,
      text: wrap(`${before}${d1}${secret}${d2}${after}`),
    }));

/** Plain, URL-encoded, JSON-escaped and base64 renderings of a whole text. */
const encodings: Record<string, (s: string) => string> = {
  plain: (s) => s,
  url: (s) => encodeURIComponent(s),
  json: (s) => JSON.stringify(s).slice(1, -1),
  base64: (s) => Buffer.from(s).toString('base64'),
};

/** Puts `value` at a random place inside random JSON (object keys, arrays, nesting). */
const embedded = (value: string) =>
  fc
    .tuple(
      fc.jsonValue({ maxDepth: 4 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.string({ maxLength: 8 }),
    )
    .map(([doc, path, key]) => {
      const root: Record<string, unknown> = { doc };
      let node: Record<string, unknown> | unknown[] = root;
      for (const step of path) {
        const next: unknown = Array.isArray(node)
          ? node[step % Math.max(1, node.length)]
          : Object.values(node)[step % Math.max(1, Object.keys(node).length)];
        if (next === null || typeof next !== 'object') break;
        node = next as Record<string, unknown> | unknown[];
      }
      if (Array.isArray(node)) node.push(value);
      else node[`k${key}`] = value;
      return root;
    });

const serialise = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('no leaks (property-based)', () => {
  it('known secrets never leave, in any encoding, anywhere in nested values', () => {
    const scenario = fc
      .tuple(
        botToken,
        webhookSecret,
        pseudonymKey,
        fc.nat(2),
        fc.constantFrom(...Object.keys(encodings)),
        fc.boolean(),
      )
      .chain(([token, secret, key, which, encodingName, asJsonString]) => {
        const canary = [token, secret, key][which] as string;
        const encode = encodings[encodingName] as (s: string) => string;
        // Any neighbours will do: a known secret is found by exact value.
        return textContext(fc.constant(canary))
          .chain(({ text }) =>
            embedded(asJsonString ? JSON.stringify({ text: encode(text) }) : encode(text)),
          )
          .map((doc) => ({ secrets: [token, secret, key], canary, doc, encodingName }));
      });
    fc.assert(
      fc.property(scenario, ({ secrets, canary, doc, encodingName }) => {
        const redactor = createRedactor();
        for (const s of secrets) redactor.addSecret(s);
        const out = serialise(redactor.redactValue(doc));
        expect(leakedCanaries({ canary }, out), encodingName).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  for (const [name, canary] of Object.entries({
    'bot token': botToken,
    email,
    phone,
    'card number': card,
  })) {
    it(`an unregistered ${name} never leaves, plain, URL-encoded or JSON-escaped`, () => {
      const redactor = createRedactor();
      fc.assert(
        fc.property(
          textContext(canary),
          fc.constantFrom('plain', 'url', 'json'),
          fc.boolean(),
          ({ secret, text }, encodingName, nested) => {
            const encoded = (encodings[encodingName] as (s: string) => string)(text);
            const value = nested ? { level: [{ deeper: { message: encoded } }] } : encoded;
            const out = serialise(redactor.redactValue(value));
            for (const form of [secret, encodeURIComponent(secret)])
              expect(out).not.toContain(form);
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});

describe('idempotence and totality (property-based)', () => {
  const redactor = createRedactor();
  redactor.addSecret('canary-known-secret-0001');
  const interesting = fc.oneof(
    fc.string(),
    textContext(fc.oneof(botToken, email, phone, card)).map((c) => c.text),
    fc.constant('canary-known-secret-0001'),
    fc.string({ minLength: 9000, maxLength: 9500 }),
  );
  const values = fc.anything({
    maxDepth: 5,
    withBigInt: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withDate: true,
    withNullPrototype: true,
    withSparseArray: true,
    values: [interesting, fc.integer(), fc.double(), fc.boolean(), fc.constant(null)],
  });

  it('redacting twice changes nothing more and counts nothing more', () => {
    fc.assert(
      fc.property(values, (value) => {
        const once = redactor.redactValue(value);
        const tally = new RedactionTally();
        const twice = redactor.redactValue(once, tally);
        expect(twice).toStrictEqual(once);
        expect(tally.count).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, whatever the input: cycles, throwing getters, BigInt, huge strings', () => {
    fc.assert(
      fc.property(values, fc.boolean(), fc.boolean(), (value, cyclic, hostile) => {
        const holder: Record<string, unknown> = { value };
        if (cyclic) holder.self = holder;
        if (hostile) {
          Object.defineProperty(holder, 'trap', {
            enumerable: true,
            get() {
              throw new Error('getter');
            },
          });
        }
        const out = redactor.redactValue(holder);
        expect(() => serialise(out)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('rule triggers (property-based)', () => {
  it('each trigger is a necessary condition of its rule: whenever the pattern matches, so does the trigger', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary-ascii', maxLength: 80 }),
      textContext(fc.oneof(botToken, email, phone, card)).map((c) => c.text),
      textContext(fc.oneof(botToken, email, phone, card)).map((c) => encodeURIComponent(c.text)),
    );
    fc.assert(
      fc.property(text, (s) => {
        for (const rule of defaultValueRules) {
          const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''));
          if (pattern.test(s)) expect(rule.trigger?.test(s), `${rule.name}: ${s}`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
