import { setTimeout as sleep } from 'node:timers/promises';
import { logs, SeverityNumber } from '@opentelemetry/api';
import { startTelemetry } from '@telegraf-otel/sdk';
import { textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { CANARIES, findCanaries } from '@telegraf-otel/test-utils/e2e-canaries';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import type { OtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import type { Telegraf } from 'telegraf';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';
import { startTempoStandIn, type TempoStandIn } from '../support/tempo-stand-in.js';

const BOT_TOKEN = CANARIES.botToken;
const SERVICE = {
  'service.name': 'e2e-bot',
  'service.version': '9.9.9',
  'deployment.environment.name': 'e2e',
};
const CONSUMER = 5;
const CLIENT = 3;
/** Updates answered while the collector is down, and sent in the first seconds after its restart. */
const DURING_OUTAGE = 10;
const AFTER_RESTART = 10;

describeWithCollector(
  'a Telegraf bot with @telegraf-otel/sdk → mTLS → collector → Loki and Tempo',
  () => {
    let tempoStandIn: TempoStandIn;
    let tempo: OtlpGrpcReceiver;
    let stack: CollectorStack;
    let api: FakeBotApi;
    let telemetry: ReturnType<typeof startTelemetry>;
    let bot: Telegraf;
    let launched: Promise<void>;

    beforeAll(async () => {
      tempoStandIn = await startTempoStandIn();
      tempo = tempoStandIn.receiver;
      stack = await startCollectorStack({ tempo: tempoStandIn.collectorOptions });
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
      const appLog = logs.getLogger('e2e-app');
      bot.on('message', (ctx) => {
        // A careless app log: the user's raw text and an API URL with the token.
        if ('text' in ctx.message) {
          appLog.emit({
            severityNumber: SeverityNumber.INFO,
            body: `user wrote: ${ctx.message.text}`,
            attributes: { 'app.api': `${api.apiRoot}/bot${BOT_TOKEN}/sendMessage` },
          });
        }
        return ctx.reply('noted');
      });
      launched = bot.launch();
    });

    afterAll(async () => {
      bot?.stop('test end');
      await launched;
      await telemetry?.shutdown();
      await api?.close();
      await stack?.close();
      await tempoStandIn?.close();
    });

    const handledLogs = () =>
      stack.loki.records.filter((record) => record.eventName === 'telegram.update.handled');
    const replies = () => api.requests.filter((request) => request.method === 'sendMessage').length;

    it('exports the update as spans to Tempo and as log records to Loki, correlated', async () => {
      api.queueUpdates(
        textMessage('/start'),
        textMessage(`my mail is ${CANARIES.email}, phone ${CANARIES.phone}, card ${CANARIES.card}`),
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

    it('lets no secret or personal data through, in any exported byte', async () => {
      // The app logged the text of the message that carried every canary: the SDK masked the
      // text whole, as what that update carried (content-aware), before export.
      const planted = await waitFor('the app record of the message at Loki', () =>
        stack.loki.records.find((record) => String(record.body).startsWith('user wrote: ')),
      );
      expect(planted.body).toBe('user wrote: [REDACTED:trace_content]');
      expect(planted.attributes['app.api']).toMatch(/\/bot\[REDACTED[^\]]*\]\/sendMessage$/);
      expect(findCanaries(...stack.loki.rawBodies, tempo.rawBytes())).toEqual([]);
      // The token did travel: every Bot API call of the bot carried it in its URL.
      expect(api.requests.every((request) => request.token === BOT_TOKEN)).toBe(true);
    });

    it('keeps answering while the collector is down; every update after its return is delivered', async () => {
      await stack.collector.stop();
      const before = replies();
      // A few seconds of outage with exports failing: the gRPC channel's reconnect backoff grows.
      for (let i = 0; i < DURING_OUTAGE; i++) {
        api.queueUpdates(textMessage(`still there? ${i}`));
        await sleep(500);
      }
      await api.waitForRequest('sendMessage', undefined, before + DURING_OUTAGE);

      await stack.restartCollector();
      // Right away, while the client is still reconnecting, and then over the next two seconds.
      const ids: number[] = [];
      for (let i = 0; i < AFTER_RESTART; i++) {
        ids.push(...api.queueUpdates(textMessage(`back again ${i}`)));
        await sleep(200);
      }
      await api.waitForRequest('sendMessage', undefined, before + DURING_OUTAGE + AFTER_RESTART);

      const delivered = () =>
        handledLogs()
          .map((record) => Number(record.attributes['telegram.update.id']))
          .filter((id) => ids.includes(id));
      await waitFor(
        'telegram.update.handled of every update after the restart',
        () => delivered().length >= ids.length,
        { timeoutMs: 30_000, describe: () => `got ${delivered().length}/${ids.length}` },
      );
      await tempo.waitFor(
        ({ spans }) =>
          spans.filter((span) => ids.includes(Number(span.attributes['telegram.update.id'])))
            .length >= ids.length,
        30_000,
      );
      expect(delivered().sort((a, b) => a - b)).toEqual(ids);
      expect(handledLogs().at(-1)?.resource).toMatchObject(SERVICE);
    }, 60_000);
  },
);
