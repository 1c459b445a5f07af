import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { describe, expect, it } from 'vitest';
import { BOT_TOKEN, CANARIES, leakedCanaries, PSEUDONYM_KEY, USER_ID } from './support/canaries.js';
import { runUnredactedChild } from './support/canary-child-run.js';
import { type Preload, startChildBot } from './support/child-bot.js';
import { canaryUpdates } from './support/updates.js';

const pki = useTestPki();

function exporterEnv(receiver: OtlpGrpcReceiver, fake: FakeBotApi): Record<string, string> {
  return {
    FIXTURE_BOT_TOKEN: BOT_TOKEN,
    FAKE_API_ROOT: fake.apiRoot,
    OTEL_SERVICE_NAME: 'fixture-bot',
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    OTEL_EXPORTER_OTLP_CERTIFICATE: pki.certs.caCert,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.clientCert,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.clientKey,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=bots',
    // Raw bytes are scanned: no compression.
    OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
    OTEL_BSP_SCHEDULE_DELAY: '100',
    TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY,
    TELEGRAF_OTEL_INSTRUMENT_HTTP: 'true',
    TELEGRAF_OTEL_INSTRUMENT_UNDICI: 'true',
  };
}

/** Runs the canary scenario against a fresh receiver and fake Bot API; returns the receiver. */
async function runScenario(
  preload: Preload,
  extraEnv: Record<string, string> = {},
): Promise<OtlpGrpcReceiver> {
  const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls() });
  const fake = await startFakeBotApi();
  const bot = startChildBot(preload, { ...exporterEnv(receiver, fake), ...extraEnv });
  try {
    fake.queueUpdates(...canaryUpdates());
    await bot.unlessExited(fake.waitForRequest('sendMessage', undefined, 2));
    await receiver.waitFor(
      ({ spans, logRecords }) =>
        spans.filter((s) => s.name.startsWith('telegram.update')).length >= 2 &&
        spans.some((s) => s.scope === '@opentelemetry/instrumentation-http' && s.kind === 3) &&
        spans.some((s) => s.scope === '@opentelemetry/instrumentation-undici') &&
        logRecords.filter((r) => r.scope === 'fixture-app').length >= 2,
    );
    expect(await bot.stop()).toBe(0);
    return receiver;
  } catch (error) {
    throw new Error(`${(error as Error).message}\nchild stderr:\n${bot.stderr()}`);
  } finally {
    await bot.stop();
    await fake.close();
    await receiver.close();
  }
}

describe('export over mTLS to an OTLP gRPC receiver, bot in a child process', () => {
  it('register entry: spans and logs arrive redacted, with pseudonyms and the resource', async () => {
    const receiver = await runScenario('register', { BOT_TOKEN });
    // The app logs the pseudonym key and the raw user id too (the control below shows them leak).
    expect(leakedCanaries(receiver.rawBytes())).toEqual([]);
    const spans = receiver.spans();
    const updates = spans.filter((s) => s.name === 'telegram.update message');
    expect(updates).toHaveLength(2);
    expect(updates[0]?.resource['service.name']).toBe('fixture-bot');
    // HMAC-SHA256 under the configured key (computed here independently), not an unkeyed hash of
    // the id that anyone could enumerate.
    const keyed = createHmac('sha256', PSEUDONYM_KEY)
      .update(`telegraf-otel:user:${USER_ID}`)
      .digest('hex');
    expect(updates[0]?.attributes['telegram.user.hash']).toBe(`v1:${keyed.slice(0, 16)}`);
    // OTEL_EXPORTER_OTLP_HEADERS travel as gRPC metadata with every export.
    expect(receiver.exports.map((e) => e.metadata['x-tenant'])).toEqual(
      receiver.exports.map(() => 'bots'),
    );
    // The http (Telegraf's client) and undici (fetch) client spans are there, token path scrubbed.
    for (const scope of [
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-undici',
    ]) {
      const client = spans.find((s) => s.scope === scope && s.kind === 3);
      expect(client?.attributes['url.full']).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/bot\[REDACTED[^\]]*\]\/\w+$/,
      );
    }
    expect(
      receiver
        .logRecords()
        .some((r) => r.scope === 'fixture-app' && String(r.body).startsWith('user wrote:')),
    ).toBe(true);
  });

  it('startTelemetry(): explicit options override the environment; the token is learnt from the Telegraf instance', async () => {
    const receiver = await runScenario('start-telemetry');
    expect(leakedCanaries(receiver.rawBytes())).toEqual([]);
    const [span] = receiver.spans();
    expect(span?.resource).toMatchObject({
      'service.name': 'fixture-bot-explicit',
      'service.version': '1.2.3',
      'deployment.environment.name': 'test',
    });
  });

  it('the same bot without the SDK (no redaction) leaks every canary (the scan works)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tgotel-export-control-'));
    try {
      const exported = await runUnredactedChild(dir);
      expect(leakedCanaries(exported).sort()).toEqual(Object.keys(CANARIES).sort());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
