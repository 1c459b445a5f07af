import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { TelegrafInstrumentation } from '@telegraf-otel/instrumentation';
import { createRedactor } from '@telegraf-otel/redaction';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, describe, expect, it } from 'vitest';
import { spanProcessors } from './support/pipelines.js';

// A custom webhook path with a secret segment and a secret query parameter, reached through a
// proxy that adds the end user's address: none of it may leave in the HTTP server span.
const SEGMENT = 'hk7Qz2LmP9xVw4Rt';
const QUERY_SECRET = 'qs-Yb83nTq0Zx5Lw';
const USER_IP = '203.0.113.77';
const CANARIES = { SEGMENT, QUERY_SECRET, USER_IP };

const http = new HttpInstrumentation();
const telegraf = new TelegrafInstrumentation();
const { Telegraf } = await import('telegraf');
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

async function run(redact: boolean): Promise<string> {
  const redactor = createRedactor();
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({
    spanProcessors: spanProcessors(memory, redact ? redactor : undefined),
  });
  trace.disable();
  trace.setGlobalTracerProvider(provider);
  http.setTracerProvider(provider);
  http.enable();
  // Only what the instrumentation learns from Telegraf itself: nothing registered by hand.
  telegraf.setConfig(
    redact
      ? {
          onBotToken: (token) => redactor.addSecret(token),
          onWebhookSecret: (secret) => redactor.addSecret(secret),
        }
      : {},
  );
  telegraf.setTracerProvider(provider);
  telegraf.enable();
  const api = await startFakeBotApi();
  const bot = new Telegraf('123456789:AAHwebhookLEAKtest_token_0123456789ab', {
    telegram: { apiRoot: api.apiRoot },
  });
  bot.on('message', (ctx) => ctx.reply('ok'));
  const path = `/hook/${SEGMENT}?secret=${QUERY_SECRET}`;
  const server: Server = createServer(bot.webhookCallback(path));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': USER_IP },
      body: JSON.stringify({
        update_id: 77,
        message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, text: 'hi' },
      }),
    });
    expect(response.status).toBe(200);
    await waitFor('the webhook server span', async () => {
      await provider.forceFlush();
      return memory.getFinishedSpans().some((span) => span.kind === SpanKind.SERVER);
    });
  } finally {
    server.close();
    await api.close();
    http.disable();
    telegraf.disable();
  }
  return new TextDecoder().decode(JsonTraceSerializer.serializeRequest(memory.getFinishedSpans()));
}

describe('webhook secrets and the end user address in HTTP server spans', () => {
  afterAll(() => trace.disable());

  const leaked = (text: string) => leakedCanaries(CANARIES, text).sort();

  it('with redaction the secret path segment, the secret query value and the IP stay out', async () => {
    const spans = await run(true);
    expect(spans).toContain('telegram.update message');
    expect(leaked(spans)).toEqual([]);
  });

  it('without redaction all three are in the exported bytes (the scan sees leaks)', async () => {
    expect(leaked(await run(false))).toEqual(['QUERY_SECRET', 'SEGMENT', 'USER_IP']);
  });
});
