import { context, SeverityNumber, TraceFlags, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { logPipeline, newRedactor, tracePipeline } from './support/pipelines.js';

// Regression tests for the leaks of an adversarial review. Each scenario also runs without
// redaction, where the scan must find the canary (so it can see this very leak).
const MODES = [
  ['redacted', true],
  ['bare', false],
] as const;
const SECRET_PART = CANARY.botToken.split(':')[1] as string;

describe('the first query parameter of url.query (stored without its `?`)', () => {
  const queries = [
    `code=${CANARY.webhookSecret}&state=1`,
    `token=${CANARY.webhookSecret}`,
    `api_key=${CANARY.webhookSecret}&page=2`,
  ];
  it.each(MODES)('%s', async (_, redacted) => {
    // No secret registered: only the query-parameter handling can find these.
    const pipeline = tracePipeline(redacted ? newRedactor() : undefined);
    for (const query of queries) {
      pipeline.tracer.startSpan('GET', { attributes: { 'url.query': query } }).end();
    }
    expect(leakedCanaries(await pipeline.otlp())).toEqual(redacted ? [] : ['webhookSecret']);
  });

  it('keeps the other parameters and the shape of the query', () => {
    const out = newRedactor().redactAttributes({ 'url.query': `code=abcdefgh123&page=2` });
    expect(out['url.query']).toBe('code=[REDACTED:secret_query_param]&page=2');
  });
});

describe('Mini App init data in a URL (names, ids and its hash)', () => {
  const initData = new URLSearchParams({
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    user: JSON.stringify({ id: 279058397, first_name: 'Vladislav', username: 'vdkfrost' }),
    auth_date: '1662771648',
    hash: 'c501b71e775f74ce10e377dea85a7ea24ecd640b223ea86dfe453e0eaed2e2b2',
  }).toString();
  const urls = {
    'url.full': `https://bot.example.org/app#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=7.0`,
    'url.query': initData,
  };
  it.each(MODES)('%s', async (_, redacted) => {
    const pipeline = tracePipeline(redacted ? newRedactor() : undefined);
    pipeline.tracer.startSpan('GET /app', { attributes: urls }).end();
    const text = Buffer.from(await pipeline.otlp()).toString('utf8');
    for (const piece of ['Vladislav', 'vdkfrost', '279058397', 'c501b71e775f74ce10e377dea']) {
      expect(text.includes(piece), piece).toBe(!redacted);
    }
  });
});

describe('trace state and instrumentation scope', () => {
  it.each(MODES)(
    '%s: traceState of spans and links, scope name and version',
    async (_, redacted) => {
      const pipeline = tracePipeline(redacted ? newRedactor(CANARY.webhookSecret) : undefined);
      const parent = trace.setSpanContext(context.active(), {
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
        traceFlags: TraceFlags.SAMPLED,
        traceState: new TraceState(`vendor=${CANARY.webhookSecret},other=ok`),
      });
      const linked = {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.SAMPLED,
        traceState: new TraceState(`acme=${CANARY.webhookSecret}`),
      };
      const tracer = pipeline.provider.getTracer(`scope-${CANARY.email}`, CANARY.webhookSecret);
      tracer.startSpan('child', { links: [{ context: linked }] }, parent).end();
      expect(leakedCanaries(await pipeline.otlp()).sort()).toEqual(
        redacted ? [] : ['email', 'webhookSecret'],
      );
    },
  );

  it.each(MODES)('%s: log scope name and version', async (_, redacted) => {
    const pipeline = logPipeline(redacted ? newRedactor(CANARY.webhookSecret) : undefined);
    pipeline.provider.getLogger(`logger-${CANARY.email}`, CANARY.webhookSecret).emit({ body: 'x' });
    expect(leakedCanaries(await pipeline.otlp()).sort()).toEqual(
      redacted ? [] : ['email', 'webhookSecret'],
    );
  });
});

describe('allowlisted keys are type- and shape-checked', () => {
  // A lower-case, hex or digit-only secret has the shape of a rule list, an id or an update id.
  const hexSecret = 'deadbeefcafebabe0123456789abcdef';
  const wordSecret = 'correcthorsebatterystaple';
  it.each(MODES)('%s: no secret rides on our own keys', async (_, redacted) => {
    const redactor = redacted ? newRedactor(hexSecret, wordSecret) : undefined;
    const pipeline = tracePipeline(redactor);
    pipeline.tracer
      .startSpan('s', {
        attributes: {
          trace_id: hexSecret,
          'redaction.masked.rules': wordSecret,
          'telegram.update.id': '4111111111111111',
          'redaction.masked.count': CANARY.email,
        },
      })
      .end();
    const text = Buffer.from(await pipeline.otlp()).toString('latin1');
    for (const secret of [hexSecret, wordSecret, '4111111111111111', CANARY.email]) {
      expect(text.includes(secret), secret).toBe(!redacted);
    }
  });

  it('merging counters never copies an unknown name into the rules list', () => {
    const redactor = newRedactor(CANARY.webhookSecret);
    const out = redactor.redactAttributes({
      'redaction.masked.rules': 'email,hunter2isnotarule',
      'redaction.masked.count': 2,
      note: CANARY.email,
    });
    expect(out['redaction.masked.rules']).toBe('[REDACTED:unexpected_shape]');
    const tally = new RedactionTally();
    tally.record('email');
    const merged = tally.counters(
      { 'redaction.masked.rules': 'hunter2isnotarule,known_secret', 'redaction.masked.count': 1 },
      redactor.isRuleName,
    );
    expect(merged).toEqual({
      'redaction.masked.count': 2,
      'redaction.masked.rules': 'email,known_secret',
    });
  });
});

describe('a token with surrounding whitespace', () => {
  it('is masked as Telegraf sends it (the URL keeps the trimmed token)', () => {
    const redactor = newRedactor(`  ${CANARY.botToken}\n`);
    const url = `https://api.telegram.org/bot%20%20${CANARY.botToken}/getMe`;
    const out = redactor.redactString(`GET ${url} and the secret ${SECRET_PART}`);
    expect(leakedCanaries(out)).toEqual([]);
  });
});

describe('encodings of a registered secret', () => {
  const secret = CANARY.webhookSecret;
  const bytes = Buffer.from(secret, 'utf8');
  const cases: [string, string][] = [
    ['every byte percent-encoded', bytes.toString('hex').replace(/../g, '%$&')],
    [
      'every byte percent-encoded, upper-case',
      bytes.toString('hex').toUpperCase().replace(/../g, '%$&'),
    ],
    [
      'full \\u escapes',
      [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    ],
    ['hex', bytes.toString('hex')],
    ['upper-case hex', bytes.toString('hex').toUpperCase()],
    ['double base64', Buffer.from(bytes.toString('base64')).toString('base64')],
    ['zero-width characters inside', [...secret].join('\u200b')],
    ['case-folded', secret.toUpperCase()],
  ];
  it.each(cases)('%s', (_name, encoded) => {
    const out = newRedactor(secret).redactString(`value: ${encoded} end`);
    // Only characters that do not depend on the secret alone may remain (base64 padding).
    expect(out).toMatch(/^value: \[REDACTED:known_secret\][A-Za-z0-9+/=]{0,3} end$/);
    expect(newRedactor().redactString(`value: ${encoded} end`)).toContain(encoded);
  });

  it('the secret part of a bot token, case-folded', () => {
    const out = newRedactor(CANARY.botToken).redactString(`s=${SECRET_PART.toLowerCase()}`);
    expect(out).toBe('s=[REDACTED:known_secret]');
  });

  it.each(MODES)('%s: the tail of a token split across two attributes', async (_, redacted) => {
    const pipeline = tracePipeline(redacted ? newRedactor(CANARY.botToken) : undefined);
    const cut = 20;
    pipeline.tracer
      .startSpan('s', {
        attributes: {
          'a.head': CANARY.botToken.slice(0, cut),
          'a.tail': CANARY.botToken.slice(cut),
        },
      })
      .end();
    const text = Buffer.from(await pipeline.otlp()).toString('latin1');
    expect(text.includes(CANARY.botToken.slice(cut))).toBe(!redacted);
    expect(text.includes(CANARY.botToken.slice(10, cut))).toBe(!redacted);
  });

  it.each(MODES)('%s: UTF-16 byte arrays as log bodies', async (_, redacted) => {
    const pipeline = logPipeline(redacted ? newRedactor(CANARY.botToken) : undefined);
    const text = `token ${CANARY.botToken}`;
    const wide = Uint16Array.from(text, (c) => c.charCodeAt(0));
    pipeline.logger.emit({ body: wide as never });
    pipeline.logger.emit({ body: Buffer.from(text, 'utf16le') as never });
    await pipeline.provider.forceFlush();
    const records = pipeline.memory.getFinishedLogRecords();
    // Decoded the way a reader of the exported bytes would.
    const bodies = records.map((record) =>
      typeof record.body === 'string'
        ? record.body
        : record.body instanceof Uint8Array
          ? Buffer.from(record.body).toString('utf16le')
          : String.fromCharCode(...Object.values(record.body as object)),
    );
    for (const body of bodies) expect(body.includes(CANARY.botToken)).toBe(!redacted);
  });
});

describe('a log body whose getter answers differently on a second read', () => {
  it.each(MODES)('%s: what is exported is what was redacted', async (_, redacted) => {
    const pipeline = logPipeline(redacted ? newRedactor() : undefined);
    let reads = 0;
    const body = {
      get note() {
        reads++;
        // Harmless to the two redaction layers (processor, exporter), then the secret.
        return reads <= 2 ? 'nothing to see' : `token ${CANARY.botToken}`;
      },
    };
    // Bare, stand in for the two redaction layers' reads, as any earlier readers would.
    if (!redacted) expect([body.note, body.note]).toEqual(['nothing to see', 'nothing to see']);
    pipeline.logger.emit({ severityNumber: SeverityNumber.INFO, body: body as never });
    await pipeline.provider.forceFlush();
    const bytes = JsonLogsSerializer.serializeRequest(pipeline.memory.getFinishedLogRecords());
    expect(leakedCanaries(bytes as Uint8Array)).toEqual(redacted ? [] : ['botToken']);
  });
});

describe('personal data the app truncated (values the update carried)', () => {
  const trace = '0af7651916cd43dd8448eb211c80319c';
  const cases: [string, string][] = [
    ['an e-mail address', 'jane.x@example.com'],
    ['a phone number', '+44 20 7946 0958'],
    ['a card number', '4111 1111 1111 1111'],
  ];
  it.each(cases)('%s cut by the app', (_name, value) => {
    const redactor = newRedactor();
    const cut = value.slice(0, value.length - 6);
    const line = `contact: ${cut}…`;
    redactor.content.remember(trace, [`my details: ${value}`, value]);
    const out = redactor.inTrace(trace, () => redactor.redactString(line));
    expect(out).toMatch(/^contact: \[REDACTED:[a-z_]+\]…$/);
  });

  it('an e-mail address cut without a mark is seen by content-aware masking alone', () => {
    const redactor = newRedactor();
    const line = 'contact: jane.x@exa';
    expect(redactor.redactString(line)).toBe(line);
    redactor.content.remember(trace, ['jane.x@example.com']);
    expect(redactor.inTrace(trace, () => redactor.redactString(line))).toBe(
      'contact: [REDACTED:trace_content]',
    );
  });
});

describe('personal data the app cut, wherever it came from (patterns before a cut mark)', () => {
  it.each([
    ['contact: jane.x@exa…', 'contact: [REDACTED:email]…'],
    ['contact: jane.x@...', 'contact: [REDACTED:email]...'],
    ['call +44 20 79…', 'call [REDACTED:phone_number]…'],
    ['call +7 (916) 123-4...', 'call [REDACTED:phone_number]...'],
    ['card 4111 1111 1111...', 'card [REDACTED:payment_card]...'],
    ['card 4111-1111-1111-11…', 'card [REDACTED:payment_card]…'],
  ])('%j → %j', (line, expected) => {
    expect(newRedactor().redactString(line)).toBe(expected);
  });

  it.each([
    'see you at 10... ok',
    'version 1.2.3...',
    'dial +7 916…',
    'order 12345678…',
    'meet @ 5pm...',
    'a @mention…',
  ])('leaves %j alone (too short to be a cut number or address, or no address)', (line) => {
    expect(newRedactor().redactString(line)).toBe(line);
  });
});
