import { context, logs, SeverityNumber, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemoryLogRecordExporter, LoggerProvider } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { TelegrafInstrumentation } from '@telegraf-otel/instrumentation';
import {
  createRedactor,
  defaultPolicy,
  extendPolicy,
  type Redactor,
} from '@telegraf-otel/redaction';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { afterAll, describe, expect, it } from 'vitest';
import { logProcessors, spanProcessors } from './support/pipelines.js';

// What one person sent: none of it matches a value rule (no e-mail, no card, no token shape), so
// only content-aware masking and shape rules can keep it out of the exported bytes.
const PERSON = {
  userId: 987_650_123,
  firstName: 'Zebulon',
  lastName: 'Quixley',
  username: 'zq_lighthouse',
  text: 'Meet me near the old lighthouse at dawn, bring the blue umbrella',
  latitude: 51.477_928,
  longitude: -3.001_545,
  zone: 'Lighthouse/Keeper_Zebulon',
};

/** Every piece of the person's data that must not be exported, by name. */
const CANARIES: Record<string, string> = {
  userId: String(PERSON.userId),
  firstName: PERSON.firstName,
  lastName: PERSON.lastName,
  username: PERSON.username,
  text: PERSON.text,
  // What V8 quotes of the text in `JSON.parse(text)`'s SyntaxError, and what the app cut itself.
  textAsQuoted: PERSON.text.slice(0, 10),
  textCut: PERSON.text.slice(0, 24),
  textMiddle: PERSON.text.slice(17, 45),
  latitude: String(PERSON.latitude),
  zone: PERSON.zone,
};

const leaked = (text: string): string[] => leakedCanaries(CANARIES, text).sort();

const telegraf = new TelegrafInstrumentation();
const { Telegraf } = await import('telegraf');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

// An integration's shape rule (the SDK adds the Bot API's): a logged sender's fields, by key.
const withSenderShape = extendPolicy(defaultPolicy, {
  addShapeRules: [
    {
      name: 'sender',
      whenKeys: ['id', 'is_bot', 'first_name'],
      fields: ['id', 'first_name', 'last_name', 'username'],
    },
  ],
});

type Mode = 'content-aware' | 'pattern rules only' | 'no redaction';

/** Two updates through a real Telegraf bot whose handlers log what they got in every way an app does. */
async function run(mode: Mode): Promise<{ spans: string; logs: string; redactor: Redactor }> {
  const redactor = createRedactor(withSenderShape);
  const redact = mode === 'no redaction' ? undefined : redactor;
  const spanMemory = new InMemorySpanExporter();
  const logMemory = new InMemoryLogRecordExporter();
  const tracerProvider = new TracerProvider({ spanProcessors: spanProcessors(spanMemory, redact) });
  const loggerProvider = new LoggerProvider({ processors: logProcessors(logMemory, redact) });
  trace.disable();
  logs.disable();
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  telegraf.setConfig(mode === 'content-aware' ? { updateContent: redactor.content } : {});
  telegraf.setTracerProvider(tracerProvider);
  telegraf.setLoggerProvider(loggerProvider);
  telegraf.enable();

  const api = await startFakeBotApi();
  const bot = new Telegraf('123456789:AAHcontentAwareTESTtoken_0123456789ab', {
    telegram: { apiRoot: api.apiRoot },
  });
  const logger = logs.getLogger('app');
  bot.on('message', async (ctx) => {
    const from = ctx.from;
    // The whole update as a map, a nested user, free text in a body, an attribute and a span name.
    logger.emit({ severityNumber: SeverityNumber.INFO, body: { msg: 'got', update: ctx.update } });
    logger.emit({ body: { audit: { deep: { who: from } } } });
    const text = 'text' in ctx.message ? ctx.message.text : '';
    logger.emit({
      body: `from ${from.first_name} ${from.last_name} (@${from.username}, ${from.id}): ${text.slice(0, 24)}…`,
      attributes: { 'app.preview': text.slice(17, 45), 'app.user_id': from.id },
    });
    const span = trace.getActiveSpan();
    span?.setAttribute('app.greeting', `Hello ${from.first_name}!`);
    span?.updateName(`handle ${from.username}`);
    if ('location' in ctx.message) {
      logger.emit({ body: { lat: ctx.message.location.latitude, note: 'shared a place' } });
      // A RangeError that quotes what the user sent.
      new Intl.DateTimeFormat('en', { timeZone: text });
    }
    // A SyntaxError that quotes the user's text.
    JSON.parse(text);
  });
  bot.catch((error) => {
    trace.getActiveSpan()?.recordException(error as Error);
    logger.emit({
      severityNumber: SeverityNumber.ERROR,
      body: `handler failed: ${(error as Error).message}`,
    });
  });
  const from = {
    id: PERSON.userId,
    is_bot: false,
    first_name: PERSON.firstName,
    last_name: PERSON.lastName,
    username: PERSON.username,
  };
  const chat = { id: PERSON.userId, type: 'private' as const, first_name: PERSON.firstName };
  try {
    await bot.handleUpdate({
      update_id: 501,
      message: { message_id: 1, date: 1_764_460_800, chat, from, text: PERSON.text },
    });
    await bot.handleUpdate({
      update_id: 502,
      message: {
        message_id: 2,
        date: 1_764_460_801,
        chat,
        from,
        location: { latitude: PERSON.latitude, longitude: PERSON.longitude },
        // Not a text message in Telegram: stands for any field a handler reads its input from.
        text: PERSON.zone,
      } as never,
    });
    await tracerProvider.forceFlush();
    await loggerProvider.forceFlush();
  } finally {
    await api.close();
    telegraf.disable();
  }
  const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);
  return {
    spans: decode(JsonTraceSerializer.serializeRequest(spanMemory.getFinishedSpans())),
    logs: decode(JsonLogsSerializer.serializeRequest(logMemory.getFinishedLogRecords())),
    redactor,
  };
}

describe('content-aware masking: what a user sent, written anywhere in that update’s trace', () => {
  afterAll(() => {
    trace.disable();
    logs.disable();
  });

  it('with the content registry nothing the person sent is exported, in spans or logs', async () => {
    const { spans, logs: logText, redactor } = await run('content-aware');
    expect(leaked(spans)).toEqual([]);
    expect(leaked(logText)).toEqual([]);
    expect(logText).toContain('[REDACTED:trace_content]');
    expect(spans).toContain('[REDACTED:trace_content]');
    // The sender's shape (the policy's shape rule) is masked by key as well.
    expect(logText).toContain('[REDACTED:personal_field]');
    // Both traces' records were exported (the flush), so their values were released.
    expect(redactor.content.size).toBe(0);
  });

  it('with pattern rules alone (the earlier behaviour) the free text, names and ids leak', async () => {
    const { spans, logs: logText } = await run('pattern rules only');
    expect(leaked(spans)).toEqual(
      expect.arrayContaining(['firstName', 'textAsQuoted', 'username', 'zone']),
    );
    expect(leaked(logText)).toEqual(
      expect.arrayContaining(['firstName', 'lastName', 'textCut', 'textMiddle', 'userId']),
    );
  });

  it('without redaction every canary is in the exported bytes (the scan sees leaks)', async () => {
    const { spans, logs: logText } = await run('no redaction');
    expect(leaked(`${spans}\n${logText}`)).toEqual(Object.keys(CANARIES).sort());
  });
});
