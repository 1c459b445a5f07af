import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, logs, SeverityNumber, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ProtobufLogsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { TelegrafInstrumentation } from '@telegraf-otel/instrumentation';
import { createPseudonymiser, createRedactor } from '@telegraf-otel/redaction';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { logProcessors, spanProcessors } from './support/pipelines.js';

// Enabled before Telegraf (and its HTTP client) is loaded, as an app's telemetry bootstrap would:
// our Telegraf instrumentation plus the HTTP one, which records `/bot<token>/` in `url.full`.
// The header capture is a deliberate misconfiguration: it must not leak the webhook secret either.
const http = new HttpInstrumentation({
  headersToSpanAttributes: { server: { requestHeaders: ['x-telegram-bot-api-secret-token'] } },
});
const telegraf = new TelegrafInstrumentation();
const { Telegraf } = await import('telegraf');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

interface Exported {
  spans: Uint8Array;
  logs: Uint8Array;
  clientUrls: string[];
  names: string[];
}

/** Runs one webhook update through a real Telegraf bot and returns the exported OTLP bytes. */
async function runScenario(redact: boolean): Promise<Exported> {
  const spanMemory = new InMemorySpanExporter();
  const logMemory = new InMemoryLogRecordExporter();
  const redactor = createRedactor();
  // The bot token is registered by the instrumentation (`onBotToken`) when it first sees the bot.
  redactor.addSecret(CANARY.webhookSecret);
  redactor.addSecret(CANARY.pseudonymKey);
  const resource = resourceFromAttributes({ 'service.name': 'leak-test-bot' });
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: spanProcessors(spanMemory, redact ? redactor : undefined),
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: logProcessors(logMemory, redact ? redactor : undefined),
  });
  trace.disable();
  logs.disable();
  trace.setGlobalTracerProvider(tracerProvider);
  logs.setGlobalLoggerProvider(loggerProvider);
  http.setTracerProvider(tracerProvider);
  http.enable();
  const { pseudonymise } = createPseudonymiser({ key: CANARY.pseudonymKey });
  telegraf.setConfig(
    redact ? { pseudonymise, onBotToken: (token) => redactor.addSecret(token) } : {},
  );
  telegraf.setTracerProvider(tracerProvider);
  telegraf.setLoggerProvider(loggerProvider);
  telegraf.enable();

  const api = await startFakeBotApi();
  api.fail('sendMessage', {
    error_code: 400,
    description: `Bad Request: chat of ${CANARY.phone} not found`,
  });
  const bot = new Telegraf(CANARY.botToken, { telegram: { apiRoot: api.apiRoot } });
  bot.on('message', async (ctx) => {
    const text = 'text' in ctx.message ? ctx.message.text : '';
    logs.getLogger('app').emit({
      severityNumber: SeverityNumber.INFO,
      body: { msg: 'update received', text, update: ctx.update },
      attributes: { 'app.contact': `${CANARY.email} / ${CANARY.phone}` },
    });
    await ctx.reply(`Thanks! Card ${CANARY.card} noted.`);
  });
  bot.catch((error) => {
    const failure = error instanceof Error ? error : new Error(String(error));
    const wrapped = new Error(
      `handler failed for ${CANARY.email} (bot ${CANARY.botToken}): ${failure.message}`,
    );
    trace.getActiveSpan()?.recordException(wrapped);
    logs.getLogger('app').emit({
      severityNumber: SeverityNumber.ERROR,
      body: `failed: ${wrapped.message}`,
      exception: wrapped,
    });
  });

  const path = `/webhook/${CANARY.botToken}`;
  const server: Server = createServer(
    bot.webhookCallback(path, { secretToken: CANARY.webhookSecret }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const update = {
      update_id: 10001,
      message: {
        message_id: 1,
        date: 1_764_460_800,
        chat: { id: 4242, type: 'private' },
        from: { id: 4242, is_bot: false, first_name: 'Canary', phone_number: CANARY.phone },
        text: `mail ${CANARY.email}, call ${CANARY.phone}, card ${CANARY.card}`,
      },
    };
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-telegram-bot-api-secret-token': CANARY.webhookSecret,
      },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    await api.waitForRequest('sendMessage');
    // The server span ends on the response's `finish`, which may come after the reply.
    await waitFor('the webhook server span', async () => {
      await tracerProvider.forceFlush();
      return spanMemory.getFinishedSpans().some((span) => span.kind === SpanKind.SERVER);
    });
    await loggerProvider.forceFlush();
  } finally {
    server.close();
    await api.close();
    http.disable();
    telegraf.disable();
  }
  const spans = spanMemory.getFinishedSpans();
  return {
    spans: ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array,
    logs: ProtobufLogsSerializer.serializeRequest(logMemory.getFinishedLogRecords()) as Uint8Array,
    names: spans.map((span) => span.name),
    clientUrls: spans
      .map((span) => span.attributes['url.full'])
      .filter((url): url is string => typeof url === 'string'),
  };
}

describe('end to end: Telegraf + TelegrafInstrumentation + instrumentation-http, exported OTLP bytes', () => {
  afterAll(() => {
    trace.disable();
    logs.disable();
  });

  // First: the instrumentation reports a token to `onBotToken` only the first time it sees it.
  it('with redaction no canary survives in any encoding, in spans or logs', async () => {
    const exported = await runScenario(true);
    expect(exported.names).toEqual(
      expect.arrayContaining(['telegram.update message', 'telegram.api sendMessage']),
    );
    expect(exported.clientUrls.some((url) => url.includes('/bot[REDACTED:known_secret]/'))).toBe(
      true,
    );
    expect(leakedCanaries(exported.spans)).toEqual([]);
    expect(leakedCanaries(exported.logs)).toEqual([]);
    expect(Buffer.from(exported.spans).toString('latin1')).toContain('redaction.masked.count');
    expect(Buffer.from(exported.logs).toString('latin1')).toContain('redaction.masked.rules');
  });

  it('without redaction the bytes DO contain the canaries (the scan can see leaks)', async () => {
    const exported = await runScenario(false);
    expect(exported.clientUrls.some((url) => url.includes(`/bot${CANARY.botToken}/`))).toBe(true);
    expect(leakedCanaries(exported.spans).sort()).toEqual([
      'botToken',
      'email',
      'phone',
      'webhookSecret',
    ]);
    expect(leakedCanaries(exported.logs).sort()).toEqual(['botToken', 'card', 'email', 'phone']);
  });
});
