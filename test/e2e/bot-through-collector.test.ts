import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/demo-bot';
import { generateDevCertificates, startTelemetry } from '@telegraf-otel/sdk';
import type { Telegraf } from 'telegraf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textMessageUpdate } from '../support/bot-updates.js';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';
import { CANARIES, findCanaries } from '../support/e2e-canaries.js';
import { type OtlpGrpcReceiver, startOtlpGrpcReceiver } from '../support/otlp-grpc-receiver.js';
import { waitFor } from '../support/wait-for.js';

const BOT_TOKEN = CANARIES.botToken;
const SERVICE = {
  'service.name': 'e2e-bot',
  'service.version': '9.9.9',
  'deployment.environment.name': 'e2e',
};
const CONSUMER = 5;
const CLIENT = 3;

describeWithCollector(
  'a Telegraf bot with @telegraf-otel/sdk → mTLS → collector → Loki and Tempo',
  () => {
    let dir: string;
    let tempo: OtlpGrpcReceiver;
    let stack: CollectorStack;
    let api: FakeBotApi;
    let telemetry: ReturnType<typeof startTelemetry>;
    let bot: Telegraf;
    let launched: Promise<void>;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-bot-e2e-'));
      const tempoCerts = await generateDevCertificates(join(dir, 'tempo-certs'));
      tempo = await startOtlpGrpcReceiver({
        tls: {
          ca: tempoCerts.caCert,
          cert: tempoCerts.collectorCert,
          key: tempoCerts.collectorKey,
        },
        requireClientCert: false,
      });
      stack = await startCollectorStack({
        tempo: { endpoint: `127.0.0.1:${tempo.port}`, caFile: tempoCerts.caCert },
      });
      api = await startFakeBotApi();

      telemetry = startTelemetry({
        serviceName: SERVICE['service.name'],
        serviceVersion: SERVICE['service.version'],
        environment: SERVICE['deployment.environment.name'],
        endpoint: stack.setup.otlpUrl,
        caCertificate: stack.certs.caCert,
        clientCertificate: stack.certs.clientCert,
        clientKey: stack.certs.clientKey,
        bearerToken: stack.token,
        botToken: BOT_TOKEN,
        pseudonymKey: 'e2e-pseudonym-key-0123456789abcdef-0123456789',
        scheduledDelayMillis: 100,
        handleSignals: false,
      });
      // Loaded after startTelemetry, so the instrumentation patches it.
      const { Telegraf } = await import('telegraf');
      bot = new Telegraf(BOT_TOKEN, { telegram: { apiRoot: api.apiRoot } });
      bot.start((ctx) => ctx.reply('welcome'));
      bot.on('message', (ctx) => ctx.reply('noted'));
      launched = bot.launch();
    });

    afterAll(async () => {
      bot?.stop('test end');
      await launched;
      await telemetry?.shutdown();
      await api?.close();
      await stack?.close();
      await tempo?.close();
      await rm(dir, { recursive: true, force: true });
    });

    const handledLogs = () =>
      stack.loki.records.filter((record) => record.eventName === 'telegram.update.handled');

    it('exports the update as spans to Tempo and as log records to Loki, correlated', async () => {
      api.queueUpdates(
        textMessageUpdate('/start'),
        textMessageUpdate(
          `my mail is ${CANARIES.email}, phone ${CANARIES.phone}, card ${CANARIES.card}`,
        ),
      );
      await api.waitForRequest('sendMessage', undefined, 2);
      await tempo.waitFor(
        ({ spans }) => spans.filter((span) => span.name === 'telegram.update message').length >= 2,
      );
      await stack.loki.waitForRecords(2);
      await waitFor('two telegram.update.handled records at Loki', () => handledLogs().length >= 2);

      const updates = tempo.spans().filter((span) => span.name === 'telegram.update message');
      const replies = tempo.spans().filter((span) => span.name === 'telegram.api sendMessage');
      expect(updates[0]).toMatchObject({ kind: CONSUMER, resource: SERVICE });
      expect(updates[0]?.attributes).toMatchObject({
        'telegram.update.type': 'message',
        'telegram.update.outcome': 'handled',
      });
      expect(replies.map((reply) => reply.kind)).toEqual([CLIENT, CLIENT]);
      expect(replies.map((reply) => reply.parentSpanId).sort()).toEqual(
        updates.map((update) => update.spanId).sort(),
      );

      // What Loki turns into index labels (service_name, …) and structured metadata.
      const [handled] = handledLogs();
      expect(handled?.resource).toMatchObject(SERVICE);
      expect(handled?.attributes).toMatchObject({ 'telegram.update.type': 'message' });
      expect(String(handled?.attributes['telegram.user.hash'])).toMatch(/^v1:[0-9a-f]{16}$/);
      expect(updates.map((update) => update.traceId)).toContain(handled?.traceId);
      expect(stack.loki.wrongTenantRequests).toBe(0);
      expect(new Set(stack.loki.contentTypes)).toEqual(new Set(['application/x-protobuf']));
    });

    it('lets no secret or personal data through, in any exported byte', () => {
      expect(findCanaries(...stack.loki.rawBodies, tempo.rawBytes())).toEqual([]);
      // The token did travel: every Bot API call of the bot carried it in its URL.
      expect(api.requests.every((request) => request.token === BOT_TOKEN)).toBe(true);
    });

    it('keeps answering while the collector is down and recovers when it is back', async () => {
      await stack.collector.stop();
      const replies = () =>
        api.requests.filter((request) => request.method === 'sendMessage').length;
      const before = replies();
      api.queueUpdates(textMessageUpdate('/start'), textMessageUpdate('still there?'));
      await api.waitForRequest('sendMessage', undefined, before + 2);

      await stack.restartCollector();
      // Records emitted while the client is still backing off from the outage may be dropped (the SDK
      // reports them); recovery means that telemetry of later updates flows again.
      const handledBefore = handledLogs().length;
      await waitFor(
        'telemetry of an update after the restart at Loki',
        async () => {
          const answered = replies();
          api.queueUpdates(textMessageUpdate('back again'));
          await api.waitForRequest('sendMessage', undefined, answered + 1);
          await sleep(250);
          return handledLogs().length > handledBefore;
        },
        { timeoutMs: 30_000, describe: () => stack.collector.output().slice(-3000) },
      );
      expect(handledLogs().at(-1)?.resource).toMatchObject(SERVICE);
    }, 60_000);
  },
);
