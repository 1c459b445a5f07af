import { createPseudonymiser } from '@telegraf-otel/redaction';
import type { ExportedLogRecord } from '@telegraf-otel/test-utils/telemetry-lines';
import { describe, expect, it } from 'vitest';
import { BOT_TOKEN, EMAIL, leakedCanaries, PSEUDONYM_KEY, USER_ID } from './support/canaries.js';
import {
  ADMIN_ID,
  AFTER_THE_CRASH,
  AUDIT_KEY,
  LOGGED_EMAIL,
  REPLIES,
  TEXT_CANARY,
  useLoggingScenario,
} from './support/logging-scenario.js';

const scenario = useLoggingScenario();

const pseudonymiser = createPseudonymiser({ key: PSEUDONYM_KEY, keyVersion: 1 });
const userHash = pseudonymiser.pseudonymise('user', USER_ID);
const chatHash = pseudonymiser.pseudonymise('chat', USER_ID);

function records(filter: (r: ExportedLogRecord) => boolean): ExportedLogRecord[] {
  return scenario.result.logs.filter(filter);
}
const withBody = (scope: string, body: string) =>
  records((r) => r.scope === scope && r.body === body);

/** The update span of the text update with this id. */
function updateSpan(updateId: unknown) {
  const span = scenario.result.spans.find(
    (s) => s.name === 'telegram.update message' && s.attributes['telegram.update.id'] === updateId,
  );
  if (!span) throw new Error(`no update span for update ${String(updateId)}`);
  return span;
}

describe('app logger', () => {
  it('maps each level to its OpenTelemetry severity number and text', () => {
    const levels = ['debug', 'info', 'warn', 'error', 'fatal'].map((level) => {
      const [record] = withBody('scenario', `level ${level}`);
      return [record?.severityNumber, record?.severityText];
    });
    expect(levels).toEqual([
      [5, 'DEBUG'],
      [9, 'INFO'],
      [13, 'WARN'],
      [17, 'ERROR'],
      [21, 'FATAL'],
    ]);
  });

  it('a child logger adds its bound attributes to every record', () => {
    const [record] = withBody('scenario', 'child record');
    expect(record?.attributes).toEqual({ tenant: 'acme', step: 2 });
  });

  it('drops records below the minimum level and keeps the others', () => {
    expect(withBody('scenario', 'filtered info')).toEqual([]);
    expect(withBody('scenario', 'kept warn')).toHaveLength(1);
    // ctx.log.debug under the default level `info`.
    expect(withBody('app', 'below the level')).toEqual([]);
  });

  it('serialises an Error to its scrubbed type, message and stack, a context to its identity', () => {
    const [record] = withBody('scenario', 'request failed');
    expect(record?.attributes).toMatchObject({
      'err.type': 'Error',
      'err.message': 'failed at /bot[REDACTED]/sendMessage',
      'telegram.update.type': 'message',
      'telegram.user.hash': userHash,
    });
    expect(
      Object.keys(record?.attributes ?? {}).filter((k) => /update$|telegram$|token/.test(k)),
    ).toEqual([]);
  });
});

describe('ctx.log', () => {
  it('adds the update type and the pseudonymous user and chat, correlated with the update span', () => {
    const received = withBody('app', 'text received');
    expect(received).toHaveLength(2);
    for (const record of received) {
      expect(record.attributes).toMatchObject({
        'telegram.update.type': 'message',
        'telegram.chat.type': 'private',
        'telegram.user.hash': userHash,
        'telegram.chat.hash': chatHash,
      });
      const span = updateSpan(record.attributes['telegram.update.id']);
      expect([record.traceId, record.spanId]).toEqual([span.traceId, span.spanId]);
    }
  });

  it("records a TelegramError without its request payload (the user's text)", () => {
    const [record] = withBody('app', 'lookup failed');
    expect(record?.severityText).toBe('WARN');
    expect(record?.attributes['exception.message']).toBe('400: Bad Request: chat not found');
    expect(JSON.stringify(record)).not.toContain('payload');
  });
});

describe('pino, winston and console records', () => {
  it('pino records arrive through the OpenTelemetry bridge, correlated and redacted', () => {
    const [info] = withBody('@opentelemetry/instrumentation-pino', 'pino record');
    expect(info?.attributes.contact).toBe('[REDACTED:email]');
    expect(info?.attributes.ctx).toMatchObject({ 'telegram.user.hash': userHash });
    const loggedContext = (info?.attributes.ctx ?? {}) as Record<string, unknown>;
    const span = updateSpan(loggedContext['telegram.update.id']);
    expect(info?.traceId).toBe(span.traceId);
    const [error] = withBody('@opentelemetry/instrumentation-pino', 'pino error');
    expect(error?.attributes['exception.type']).toBe('TelegramError');
    expect(JSON.stringify(error)).not.toContain('payload');
  });

  it('winston records arrive through the OpenTelemetry transport, correlated and redacted', () => {
    const warned = withBody('@opentelemetry/winston-transport', 'winston record');
    expect(warned).toHaveLength(2);
    expect(warned[0]?.attributes.contact).toBe('[REDACTED:email]');
    expect(warned[0]?.severityNumber).toBe(13);
    expect(warned[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(withBody('@opentelemetry/winston-transport', 'winston error')).toHaveLength(2);
  });

  it('captured console output carries the context identity and the scrubbed error', () => {
    const [record] = records(
      (r) => r.scope === 'console' && String(r.body).startsWith('console record'),
    );
    expect(record?.severityText).toBe('WARN');
    expect(record?.body).toContain(`'telegram.user.hash': '${userHash}'`);
    expect(record?.body).toContain('Error: token [REDACTED]');
    expect(record?.traceId).toMatch(/^[0-9a-f]{32}$/);
    // The SDK's own start-up line, printed while capturing, is not captured.
    expect(
      records((r) => r.scope === 'console' && String(r.body).startsWith('telegraf-otel:')),
    ).toEqual([]);
  });
});

describe('safe error handler', () => {
  it('answers with a correlation id that is the prefix of the failed update trace, and the bot polls on', () => {
    const failed = records((r) => r.eventName === 'telegram.update.failed');
    const crash = failed.find((r) => r.attributes['telegram.command'] === 'crash');
    expect(crash?.attributes['exception.message']).toMatch(
      /\/bot\[REDACTED\]\/getChat failed for \[REDACTED:email\]$/,
    );
    const references = scenario.result.replies.flatMap(
      (text) => /Reference: ([0-9a-f]{16})\)$/.exec(text)?.[1] ?? [],
    );
    expect(references).toContain(crash?.traceId.slice(0, 16));
    for (const reply of scenario.result.replies)
      expect(reply).not.toMatch(/getChat|failed|purge|directory/);
    // The update queued after the crashes were answered was answered too: polling went on.
    expect(scenario.result.replies.at(-1)).toBe(REPLIES.echo);
    const after = records((r) => r.scope === 'app' && r.body === 'text received');
    expect(after.map((r) => r.attributes.length)).toContain(AFTER_THE_CRASH.length);
  });
});

describe('everything exported', () => {
  it('holds no canary: token, pseudonym and audit keys, e-mail, card, message text, raw ids', () => {
    const text = scenario.result.raw.toString('utf8');
    expect(leakedCanaries(scenario.result.raw)).toEqual([]);
    for (const secret of [
      AUDIT_KEY,
      TEXT_CANARY,
      String(USER_ID),
      String(ADMIN_ID),
      EMAIL,
      LOGGED_EMAIL,
      BOT_TOKEN,
    ])
      expect(text).not.toContain(secret);
  });
});
