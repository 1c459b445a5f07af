import { once } from 'node:events';
import { type AddressInfo, connect, createServer, type Server } from 'node:net';
import { trace } from '@opentelemetry/api';
import { startTelemetry } from '@telegraf-otel/sdk';
import { startOtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { describe, expect, it } from 'vitest';

const pki = useTestPki();
// Below the SDK's default limit of 128 attributes per span.
const ATTRIBUTES = 100;

/** A TCP relay in front of `target` counting the bytes the client sends (TLS records included). */
async function countingRelay(
  target: URL,
): Promise<{ server: Server; port: number; sent: () => number }> {
  let sent = 0;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
    });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, sent: () => sent };
}

/** Exports one span with many repetitive attributes; returns what arrived and the bytes sent. */
async function exportOneSpan(compression: 'gzip' | 'none' | undefined) {
  const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls() });
  const relay = await countingRelay(new URL(receiver.endpoint));
  const handle = startTelemetry({
    endpoint: receiver.endpoint.replace(/:\d+$/, `:${relay.port}`),
    caCertificate: pki.certs.caCert,
    clientCertificate: pki.certs.clientCert,
    clientKey: pki.certs.clientKey,
    pseudonymKey: 'k'.repeat(32),
    handleSignals: false,
    ...(compression ? { compression } : {}),
  });
  try {
    const span = trace.getTracer('compression-test').startSpan('repetitive');
    for (let i = 0; i < ATTRIBUTES; i++)
      span.setAttribute(`app.attribute_${i}`, 'same value again');
    span.end();
    await handle.shutdown();
    const [received] = receiver.spans();
    return { attributes: Object.keys(received?.attributes ?? {}).length, sent: relay.sent() };
  } finally {
    relay.server.close();
    await receiver.close();
  }
}

describe('OTLP compression', () => {
  it('is off by default (the collector runs next to the bot: gzip would only cost CPU); gzip on request', async () => {
    const plain = await exportOneSpan(undefined);
    const none = await exportOneSpan('none');
    const gzip = await exportOneSpan('gzip');
    // The same span arrives whole every time.
    for (const run of [plain, none, gzip]) expect(run.attributes).toBe(ATTRIBUTES);
    // ~4 KB of attributes: sent as they are by default and with `none`, a fraction with gzip.
    expect(plain.sent).toBeGreaterThan(ATTRIBUTES * 30);
    expect(Math.abs(plain.sent - none.sent)).toBeLessThan(plain.sent * 0.1);
    expect(gzip.sent).toBeLessThan(plain.sent * 0.6);
  });
});
