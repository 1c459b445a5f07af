import { createServer } from 'node:net';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { TOKEN } from '@telegraf-otel/test-utils/bot-updates';
import { describe, expect, it } from 'vitest';
import { createTestTelemetry, instrument, logsNamed, spanNamed } from './support/telemetry.js';

const telemetry = createTestTelemetry();
instrument(telemetry);
const { Telegraf } = await import('telegraf');

const TOKEN_SECRET = TOKEN.split(':')[1] as string;

/** A loopback port nothing listens on: connecting to it fails at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a Bot API call that fails before any response', () => {
  it('records a FetchError (its URL holds the token) without the token, message and stack', async () => {
    const bot = new Telegraf(TOKEN, {
      telegram: { apiRoot: `http://127.0.0.1:${await closedPort()}` },
    });
    const error = (await bot.telegram.getMe().catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('FetchError');

    const [call] = spanNamed(telemetry.spans(), 'telegram.api getMe');
    const [event] = call?.events ?? [];
    expect(event?.attributes?.['exception.stacktrace']).toMatch(/^FetchError: request to .*\/bot/);
    expect(call?.attributes['error.type']).toBe('FetchError');
    expect(logsNamed(telemetry.logs(), 'telegram.api.failed')).toHaveLength(1);
    const exported =
      new TextDecoder().decode(JsonTraceSerializer.serializeRequest(telemetry.spans())) +
      new TextDecoder().decode(JsonLogsSerializer.serializeRequest(telemetry.logs()));
    expect(exported).not.toContain(TOKEN_SECRET);
  });
});
