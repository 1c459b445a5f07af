import { SeverityNumber } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { defaultPolicy, type Redactor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { logPipeline, newRedactor, tracePipeline } from './support/pipelines.js';

// Each scenario runs twice: redacted (must export no canary) and bare (must export it, so the scan
// is shown to see this very leak).
const MODES = [
  ['redacted', true],
  ['bare', false],
] as const;
const expectLeak = (bytes: Uint8Array, redacted: boolean, canaries: string[]) =>
  expect(leakedCanaries(bytes).sort()).toEqual(redacted ? [] : canaries);

const [BOT_ID, TOKEN_SECRET] = CANARY.botToken.split(':') as [string, string];

describe('bot tokens in forms that exact matching alone misses', () => {
  const cases: [string, string][] = [
    ['colon URL-encoded twice', `--token=${BOT_ID}%253A${TOKEN_SECRET}`],
    ['colon URL-encoded three times', `q=${BOT_ID}%25253A${TOKEN_SECRET}`],
    ['colon as a \\u003a escape', `{"t":"${BOT_ID}\\u003a${TOKEN_SECRET}"}`],
    ['secret part without the bot id', `BOT_SECRET=${TOKEN_SECRET}`],
  ];
  it.each(cases)('%s: masked once the token is registered', (_name, value) => {
    const out = newRedactor(CANARY.botToken).redactString(value);
    expect(out).toContain('[REDACTED:');
    expect(leakedCanaries(out)).toEqual([]);
    expect(leakedCanaries(value)).toEqual(['botToken']);
  });

  it.each(cases.slice(0, 3))('%s: masked by the pattern rule alone', (_name, value) => {
    expect(newRedactor().redactString(value)).toContain('[REDACTED:telegram_token]');
  });
});

describe('spans of other instrumentations (no secret registered: pattern rules only)', () => {
  it.each(MODES)(
    '%s: token in the span name, in array values and in link attributes',
    async (_, redacted) => {
      const pipeline = tracePipeline(redacted ? newRedactor() : undefined, {
        resource: resourceFromAttributes({
          'process.command_args': ['node', 'bot.js', `--token=${CANARY.botToken}`],
        }),
      });
      const { tracer } = pipeline;
      const linked = tracer.startSpan('linked');
      linked.end();
      tracer.startSpan(`POST /bot${CANARY.botToken}/sendMessage`).end();
      tracer.startSpan(`POST /bot${BOT_ID}%3A${TOKEN_SECRET}/sendMessage`).end();
      tracer
        .startSpan('app', {
          attributes: {
            'app.urls': ['ok', `https://api.telegram.org/bot${CANARY.botToken}/getMe`],
          },
          links: [{ context: linked.spanContext(), attributes: { 'peer.list': [CANARY.email] } }],
        })
        .end();
      expectLeak(await pipeline.otlp(), redacted, ['botToken', 'email']);
    },
  );
});

describe('an exception whose stack was formatted before Telegraf redacted its message', () => {
  it.each(MODES)(
    '%s: the stacktrace keeps the token that the message lost',
    async (_, redacted) => {
      const error = new Error(`request to http://127.0.0.1:1/bot${CANARY.botToken}/getMe failed`);
      void error.stack; // any earlier reader (a logger, another instrumentation) fixes the text
      // What Telegraf's `redactToken` does: rewrite the message only.
      error.message = error.message.replace(/\/bot(\d+):[^/]+\//, '/bot$1:[REDACTED]/');
      expect(error.stack).toContain(CANARY.botToken);
      const pipeline = tracePipeline(redacted ? newRedactor() : undefined);
      const span = pipeline.tracer.startSpan('telegram.api getMe');
      span.recordException(error);
      span.end();
      expectLeak(await pipeline.otlp(), redacted, ['botToken']);
    },
  );
});

describe('log bodies of every shape', () => {
  const bodies: [string, unknown][] = [
    [
      'Map',
      new Map<unknown, unknown>([
        ['note', `x ${CANARY.botToken}`],
        [CANARY.email, 1],
      ]),
    ],
    ['Uint8Array', new TextEncoder().encode(`bytes ${CANARY.botToken} ${CANARY.email}`)],
    ['Error', new Error(`failed for ${CANARY.email} with ${CANARY.botToken}`)],
    ['array of errors', [new Error(`nested ${CANARY.email} ${CANARY.botToken}`)]],
  ];
  for (const [mode, redacted] of MODES) {
    it.each(bodies)(`${mode}: %s`, async (shape, body) => {
      const pipeline = logPipeline(redacted ? newRedactor() : undefined);
      pipeline.logger.emit({ severityNumber: SeverityNumber.INFO, body: body as never });
      const bytes = await pipeline.otlp();
      // Bare, the OTLP transformer drops Map entries and Error fields (no own enumerable keys) on its
      // own; only the redacted copies (plain objects) carry their text, so they must be clean too.
      const bareLeaks = shape === 'Uint8Array' ? ['botToken', 'email'] : [];
      expectLeak(bytes, redacted, bareLeaks);
    });
  }
});

describe('values cut by the SDK attribute length limit', () => {
  const min = defaultPolicy.limits.minSecretLength;
  // Every cut that leaves at least `min` characters of the secret at the end of the value.
  const cuts = Array.from(
    { length: CANARY.webhookSecret.length - min },
    (_, i) => 'wh '.length + min + i,
  );

  it.each(MODES)(
    '%s: no start of a registered secret survives at the cut (spans, events, links)',
    async (_, redacted) => {
      for (const limit of cuts) {
        const pipeline = tracePipeline(redacted ? newRedactor(CANARY.webhookSecret) : undefined, {
          spanLimits: { attributeValueLengthLimit: limit },
        });
        const { tracer } = pipeline;
        const linked = tracer.startSpan('l');
        linked.end();
        const span = tracer.startSpan('s', {
          attributes: { note: `wh ${CANARY.webhookSecret}` },
          links: [
            { context: linked.spanContext(), attributes: { note: `wh ${CANARY.webhookSecret}` } },
          ],
        });
        span.addEvent('e', { note: `wh ${CANARY.webhookSecret}` });
        span.end();
        const text = Buffer.from(await pipeline.otlp()).toString('latin1');
        const cutSecret = CANARY.webhookSecret.slice(0, limit - 'wh '.length);
        expect(text.includes(cutSecret), `limit ${limit}`).toBe(!redacted);
      }
    },
  );

  it.each(MODES)('%s: the same for log record attributes', async (_, redacted) => {
    for (const limit of cuts) {
      const pipeline = logPipeline(redacted ? newRedactor(CANARY.webhookSecret) : undefined, {
        logRecordLimits: { attributeValueLengthLimit: limit },
      });
      pipeline.logger.emit({ attributes: { note: `wh ${CANARY.webhookSecret}` } });
      const text = Buffer.from(await pipeline.otlp()).toString('latin1');
      const cutSecret = CANARY.webhookSecret.slice(0, limit - 'wh '.length);
      expect(text.includes(cutSecret), `limit ${limit}`).toBe(!redacted);
    }
  });
});

describe('a secret registered while records wait in a batch', () => {
  // The control registers nothing: only the late registration can make the difference.
  const register = (redactor: Redactor, late: boolean) => {
    if (late) redactor.addSecret(CANARY.webhookSecret);
  };
  for (const late of [true, false]) {
    it(`spans and logs queued before addSecret are exported ${late ? 'without' : 'WITH'} it`, async () => {
      const redactor = newRedactor();
      const traces = tracePipeline(redactor, { batch: true });
      const logs = logPipeline(redactor, { batch: true });
      traces.tracer.startSpan('s', { attributes: { note: `wh ${CANARY.webhookSecret}` } }).end();
      logs.logger.emit({ body: `wh ${CANARY.webhookSecret}` });
      register(redactor, late);
      const leaks = late ? [] : ['webhookSecret'];
      expect(leakedCanaries(await traces.otlp())).toEqual(leaks);
      expect(leakedCanaries(await logs.otlp())).toEqual(leaks);
    });
  }
});
