import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { callbackQuery, TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument, parentOf, spanNamed } from './support/telemetry.js';

const telemetry = createTestTelemetry();
// The HTTP instrumentation supplies the SERVER span that must become the update span's parent.
const httpInstrumentation = new HttpInstrumentation();
httpInstrumentation.setTracerProvider(telemetry.tracerProvider);
instrument(telemetry);
// Required (not imported) after enabling, so require-in-the-middle patches it.
const http = createRequire(import.meta.url)('node:http') as typeof import('node:http');
const { Telegraf } = await import('telegraf');

describe('webhook bot', () => {
  const api = useFakeBotApi();
  let server: Server;
  let hookUrl: string;
  const bot = () => {
    // Telegraf's 90 s handler timeout, shortened; the same code path yields outcome `timeout`.
    const instance = new Telegraf(TOKEN, {
      telegram: { apiRoot: api.apiRoot },
      handlerTimeout: 1_000,
    });
    instance.command('start', (ctx) => ctx.reply('welcome'));
    instance.command('slow', () => new Promise((resolve) => setTimeout(resolve, 1_500)));
    instance.command('boom', () => {
      throw new Error('webhook handler failed');
    });
    instance.on('callback_query', (ctx) => ctx.answerCbQuery('ok')); // answered in the webhook reply
    instance.catch(() => {});
    return instance;
  };

  beforeAll(async () => {
    server = http.createServer(bot().webhookCallback('/telegraf/hook'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegraf/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => telemetry.reset());

  const post = async (update: object) => {
    const res = await fetch(hookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(update),
    });
    const body = await res.text();
    return { status: res.status, body };
  };
  const waitForSpan = (name: string) =>
    vi.waitFor(() => {
      const span = spanNamed(telemetry.spans(), name)[0];
      if (!span) throw new Error(`no span ${name} yet`);
      return span;
    });

  it('makes the update span a child of the HTTP SERVER span, and API calls its children', async () => {
    const { status } = await post(textMessage('/start'));
    expect(status).toBe(200);
    const update = await waitForSpan('telegram.update message');
    const serverSpan = await vi.waitFor(() => {
      // The fake Bot API is an HTTP server too: pick the webhook's span.
      const span = telemetry
        .spans()
        .find((s) => s.kind === SpanKind.SERVER && s.attributes['url.path'] === '/telegraf/hook');
      if (!span) throw new Error('no server span yet');
      return span;
    });
    expect(serverSpan.instrumentationScope.name).toBe('@opentelemetry/instrumentation-http');
    expect(parentOf(update)).toBe(serverSpan.spanContext().spanId);
    expect(update.spanContext().traceId).toBe(serverSpan.spanContext().traceId);
    expect(update.kind).toBe(SpanKind.CONSUMER);
    expect(update.attributes).toMatchObject({
      'telegram.command': 'start',
      'telegram.update.outcome': 'handled',
    });

    const reply = spanNamed(telemetry.spans(), 'telegram.api sendMessage')[0];
    expect(parentOf(reply as NonNullable<typeof reply>)).toBe(update.spanContext().spanId);
    // node-fetch's outgoing request nests under the Bot API span.
    const outgoing = telemetry
      .spans()
      .find((s) => s.kind === SpanKind.CLIENT && parentOf(s) === reply?.spanContext().spanId);
    expect(outgoing?.instrumentationScope.name).toBe('@opentelemetry/instrumentation-http');
  });

  it('traces calls answered inside the webhook reply and errors swallowed by bot.catch', async () => {
    const answered = await post(callbackQuery('buy:42'));
    expect(JSON.parse(answered.body)).toMatchObject({ method: 'answerCallbackQuery', text: 'ok' });
    const callbackSpan = await waitForSpan('telegram.update callback_query');
    const answer = spanNamed(telemetry.spans(), 'telegram.api answerCallbackQuery')[0];
    expect(parentOf(answer as NonNullable<typeof answer>)).toBe(callbackSpan.spanContext().spanId);
    expect(api.requests.some((r) => r.method === 'answerCallbackQuery')).toBe(false);

    const failed = await post(textMessage('/boom'));
    expect(failed.status).toBe(200);
    const boom = await vi.waitFor(() => {
      const span = spanNamed(telemetry.spans(), 'telegram.update message')[0];
      if (!span) throw new Error('no span yet');
      return span;
    });
    expect(boom.status.code).toBe(SpanStatusCode.ERROR);
    expect(boom.attributes['telegram.update.outcome']).toBe('error');
  });

  it('ends the update span with outcome timeout when the handler outlives handlerTimeout', async () => {
    const { status } = await post(textMessage('/slow'));
    expect(status).toBe(200);
    const slow = await waitForSpan('telegram.update message');
    expect(slow.status.code).toBe(SpanStatusCode.ERROR);
    expect(slow.attributes).toMatchObject({
      'telegram.command': 'slow',
      'telegram.update.outcome': 'timeout',
      'error.type': 'TimeoutError',
    });
  });
});
