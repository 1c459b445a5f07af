import { createHash } from 'node:crypto';
import { logs, trace } from '@opentelemetry/api';
import { instrumentTelegram } from '@telegraf-otel/instrumentation';
import { startTelemetry } from '@telegraf-otel/sdk';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import { startOtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { Telegram } from 'telegraf';
import { afterEach, describe, expect, it } from 'vitest';
import { startUnredactedTelemetry } from './support/unredacted-telemetry.js';

const pki = useTestPki();

// Credentials the SDK itself reads or learns, and which no value rule recognises.
const HEADER_KEY = 'hdrKey-7Yq2Lm9Xw4Rt';
const BASIC_CREDENTIAL = Buffer.from('collector-user:Pa55-w0rd-9q').toString('base64');
const LATE_TOKEN = '5550001112:AAHlateENVtokenSECRET_abcdefghijklmn';
const MIDDLEWARE_TOKEN = '5550003334:AAHmiddlewareTOKENsecret_abcdefghijk';
// Telegraf's default webhook path for that token (whoever knows it can post updates).
const DEFAULT_WEBHOOK_PATH = createHash('sha3-256')
  .update(MIDDLEWARE_TOKEN)
  .update(process.version)
  .digest('hex');
const CANARIES = {
  HEADER_KEY,
  BASIC_CREDENTIAL,
  LATE_TOKEN,
  MIDDLEWARE_TOKEN,
  DEFAULT_WEBHOOK_PATH,
};
// The secret part of each token, as it may appear on its own.
const secretPart = (token: string) => token.slice(token.indexOf(':') + 1);
const IDENTIFYING = Object.fromEntries(
  Object.entries(CANARIES).map(([name, value]) => [name, [value, secretPart(value)]]),
);

const leaked = (bytes: Buffer): string[] => leakedCanaries(IDENTIFYING, bytes).sort();

/** Writes every canary into app telemetry the way a bot would, before and after Telegraf is used. */
function emitCanaries(): void {
  const logger = logs.getLogger('app');
  logger.emit({ body: `collector auth x-api-key=${HEADER_KEY} / Basic ${BASIC_CREDENTIAL}` });
  // The app loads its .env only now, after telemetry started, and logs before any Telegraf use.
  process.env.BOT_TOKEN = LATE_TOKEN;
  logger.emit({ body: `config loaded: ${LATE_TOKEN}` });
  // A bundled app: the middleware / instrumentTelegram created without options.
  instrumentTelegram(new Telegram(MIDDLEWARE_TOKEN));
  trace
    .getTracer('app')
    .startSpan(`token ${secretPart(MIDDLEWARE_TOKEN)}`)
    .end();
  logger.emit({ body: `webhook at /telegraf/${DEFAULT_WEBHOOK_PATH}` });
}

describe('secrets the SDK knows of are masked before the first export', () => {
  afterEach(() => {
    delete process.env.BOT_TOKEN;
  });

  for (const redacted of [true, false]) {
    it(`OTLP header values, a bot token set in the environment later, a middleware's token (${redacted ? 'redacted' : 'control: unredacted'})`, async () => {
      const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls() });
      // The control runs the same setup without the export path's redaction.
      const start = redacted ? startTelemetry : startUnredactedTelemetry;
      const handle = start({
        endpoint: receiver.endpoint,
        caCertificate: pki.certs.caCert,
        clientCertificate: pki.certs.clientCert,
        clientKey: pki.certs.clientKey,
        headers: { 'x-api-key': HEADER_KEY, authorization: `Basic ${BASIC_CREDENTIAL}` },
        pseudonymKey: 'k'.repeat(32),
        handleSignals: false,
      });
      try {
        emitCanaries();
      } finally {
        await handle.shutdown();
        await receiver.close();
      }
      expect(receiver.exports.length).toBeGreaterThan(0);
      expect(leaked(receiver.rawBytes())).toEqual(redacted ? [] : Object.keys(CANARIES).sort());
    });
  }
});
