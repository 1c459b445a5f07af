import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, PSEUDONYM_KEY } from './support/canaries.js';
import { type ChildBot, startChildBot } from './support/child-bot.js';
import { textUpdate } from './support/updates.js';

const UPDATES = 20;
const pki = useTestPki();
let receiver: OtlpGrpcReceiver;
let fake: FakeBotApi;
let bot: ChildBot | undefined;

afterEach(async () => {
  await bot?.stop();
  await fake?.close();
  await receiver?.close();
});

async function start(
  clientEnv: Record<string, string>,
  extraEnv: Record<string, string> = {},
): Promise<ChildBot> {
  receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls() });
  fake = await startFakeBotApi();
  bot = startChildBot('register', {
    BOT_TOKEN,
    FAKE_API_ROOT: fake.apiRoot,
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_CERTIFICATE: pki.certs.caCert,
    OTEL_BSP_SCHEDULE_DELAY: '50',
    TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY,
    ...clientEnv,
    ...extraEnv,
  });
  return bot;
}

async function answersEveryUpdate(): Promise<void> {
  for (let i = 0; i < UPDATES; i++) fake.queueUpdates(textUpdate(`message ${i}`));
  await (bot as ChildBot).unlessExited(fake.waitForRequest('sendMessage', undefined, UPDATES));
}

const dropLines = (stderr: string): string[] =>
  stderr.split('\n').filter((l) => l.includes('telegraf-otel: dropped'));

describe('a collector that refuses the bot never affects the bot', () => {
  const clients = {
    'a client certificate from another CA': () => ({
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.rogueClientCert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.rogueClientKey,
    }),
    'no client certificate': () => ({}),
  };
  for (const [name, clientEnv] of Object.entries(clients)) {
    it(`${name}: export rejected, every update answered, drops reported once`, async () => {
      // Rejected exports are retried until the export timeout: keep it short here.
      const child = await start(clientEnv(), { OTEL_EXPORTER_OTLP_TIMEOUT: '2000' });
      await answersEveryUpdate();
      await waitFor('a drop report', () => dropLines(child.stderr()).length > 0);
      // More updates, more failed batches, then the stop: no line per batch, only the shutdown
      // summary of everything dropped since the first report.
      for (let i = 0; i < UPDATES; i++) fake.queueUpdates(textUpdate(`more ${i}`));
      await fake.waitForRequest('sendMessage', undefined, 2 * UPDATES);
      expect(await child.stop()).toBe(0);
      const lines = dropLines(child.stderr());
      // The first report, the shutdown summary and at most one more for exports still in flight
      // at the shutdown deadline (a loaded machine): never a line per failed batch.
      expect(lines.length, lines.join('\n')).toBeGreaterThanOrEqual(2);
      expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(3);
      expect(lines[0]).toMatch(/dropped \d+ (spans?|log records?) .*14 UNAVAILABLE/);
      // Every update span of both batches is among the spans reported dropped.
      const droppedSpans = lines.reduce(
        (sum, line) => sum + Number(/(\d+) spans? /.exec(line)?.[1] ?? 0),
        0,
      );
      expect(droppedSpans).toBeGreaterThanOrEqual(2 * UPDATES);
      expect(receiver.exports).toHaveLength(0);
      expect(child.stderr()).not.toContain(BOT_TOKEN);
    });
  }

  it('a slow collector: updates are answered while exports wait', async () => {
    const child = await start({
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.clientCert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.clientKey,
    });
    receiver.setMode('accept', 1000);
    await answersEveryUpdate();
    expect(receiver.exports).toHaveLength(0);
    await receiver.waitFor(
      ({ spans }) => spans.filter((s) => s.name === 'telegram.update message').length === UPDATES,
    );
    expect(await child.stop()).toBe(0);
  });

  it('SIGTERM flushes the records still queued', async () => {
    const child = await start(
      {
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.clientCert,
        OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.clientKey,
      },
      // Nothing would be exported for a minute without the shutdown flush.
      { OTEL_BSP_SCHEDULE_DELAY: '60000' },
    );
    await answersEveryUpdate();
    // Everything answered, nothing exported yet: what arrives below came with the stop.
    expect(receiver.exports).toHaveLength(0);
    expect(await child.stop()).toBe(0);
    const names = receiver.spans().map((s) => s.name);
    expect(names.filter((n) => n === 'telegram.update message')).toHaveLength(UPDATES);
    expect(receiver.logRecords().map((r) => r.eventName)).toContain('telegram.bot.stopped');
  });

  it('a plaintext endpoint is refused with the documented message (strict mode: start-up fails)', async () => {
    fake = await startFakeBotApi();
    receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls() });
    bot = startChildBot('register', {
      BOT_TOKEN,
      FAKE_API_ROOT: fake.apiRoot,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      TELEGRAF_OTEL_STRICT: 'true',
    });
    expect(await bot.exited).not.toBe(0);
    expect(bot.stderr()).toContain('refusing the plaintext OTLP endpoint');
    expect(bot.stderr()).toContain('TELEGRAF_OTEL_ALLOW_INSECURE=true');
    expect(fake.requests).toHaveLength(0);
  });
});
