import type { IncomingMessage } from 'node:http';
import type { HttpInstrumentationConfig } from '@opentelemetry/instrumentation-http';
import type {
  UndiciInstrumentationConfig,
  UndiciRequest,
} from '@opentelemetry/instrumentation-undici';
import { createRedactor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { createHttpInstrumentations } from '../src/http-instrumentations.js';
import { telegrafWebhookPathSecret } from '../src/webhook-path-secret.js';
import { BOT_TOKEN } from './support/canaries.js';

const redactor = createRedactor();
redactor.addSecret(BOT_TOKEN);
redactor.addSecret(telegrafWebhookPathSecret(BOT_TOKEN));
const [http, undici] = createHttpInstrumentations((s) => redactor.redactString(s), {
  http: true,
  undici: true,
});
const httpConfig = http?.getConfig() as HttpInstrumentationConfig;
const undiciConfig = undici?.getConfig() as UndiciInstrumentationConfig;

describe('start-span hooks replace token paths before the span starts', () => {
  it('outgoing http: url.full', () => {
    const attributes = httpConfig.startOutgoingSpanHook?.({
      protocol: 'https:',
      hostname: 'api.telegram.org',
      path: `/file/bot${BOT_TOKEN}/photos/file_1.jpg`,
    });
    expect(attributes?.['url.full']).toMatch(
      /^https:\/\/api\.telegram\.org\/file\/bot\[REDACTED[^\]]*\]\/photos\/file_1\.jpg$/,
    );
    expect(
      httpConfig.startOutgoingSpanHook?.({ hostname: 'example.org', path: '/health' }),
    ).toEqual({});
  });

  it("incoming http: Telegraf's secret webhook path", () => {
    const request = {
      url: `/telegraf/${telegrafWebhookPathSecret(BOT_TOKEN)}?x=1`,
    } as IncomingMessage;
    const attributes = httpConfig.startIncomingSpanHook?.(request);
    expect(attributes?.['url.path']).toMatch(/^\/telegraf\/\[REDACTED[^\]]*\]$/);
    expect(JSON.stringify(attributes)).not.toContain(telegrafWebhookPathSecret(BOT_TOKEN));
  });

  it('undici: url.full and url.path', () => {
    const attributes = undiciConfig.startSpanHook?.({
      origin: 'https://api.telegram.org',
      path: `/bot${BOT_TOKEN}/getFile?file_id=1`,
    } as UndiciRequest);
    expect(JSON.stringify(attributes)).not.toContain(BOT_TOKEN.split(':')[1]);
    expect(attributes?.['url.path']).toMatch(/^\/bot\[REDACTED[^\]]*\]\/getFile$/);
    expect(attributes?.['url.full']).toMatch(
      /^https:\/\/api\.telegram\.org\/bot\[REDACTED[^\]]*\]\/getFile\?file_id=1$/,
    );
  });
});
