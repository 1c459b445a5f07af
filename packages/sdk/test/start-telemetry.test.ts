import { join } from 'node:path';
import { type DiagLogger, trace } from '@opentelemetry/api';
import { startTelemetry } from '@telegraf-otel/sdk';
import { describe, expect, it } from 'vitest';
import { useDevPki } from '../../../test/support/dev-pki.js';
import { startOtlpGrpcReceiver } from '../../../test/support/otlp-grpc-receiver.js';

const pki = useDevPki();

function capturingLogger(): DiagLogger & { warnings: string[] } {
  const warnings: string[] = [];
  const noop = () => {};
  return {
    warnings,
    warn: (m: string) => warnings.push(m),
    error: noop,
    info: noop,
    debug: noop,
    verbose: noop,
  };
}

describe('startTelemetry (in process)', () => {
  it('without a pseudonym key: one clear warning; a short key is refused', async () => {
    const logger = capturingLogger();
    const handle = startTelemetry({
      file: join(pki.dir, 'a', 't.jsonl'),
      diagLogger: logger,
      handleSignals: false,
    });
    const stopping = handle.shutdown();
    // Idempotent: every call returns the one shutdown in progress (or done).
    expect(handle.shutdown()).toBe(stopping);
    await stopping;
    expect(handle.shutdown()).toBe(stopping);
    expect(logger.warnings.filter((w) => w.includes('TELEGRAF_OTEL_PSEUDONYM_KEY'))).toHaveLength(
      1,
    );
    expect(logger.warnings[0]).toMatch(/change on every restart/);

    expect(() =>
      startTelemetry({
        file: join(pki.dir, 'b', 't.jsonl'),
        pseudonymKey: 'too-short',
        handleSignals: false,
      }),
    ).toThrow(/TELEGRAF_OTEL_PSEUDONYM_KEY .* is 9 bytes; at least 32/);
  });

  it('a full queue drops and counts records, reported once through diag', async () => {
    const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls(), delayMs: 2000 });
    const logger = capturingLogger();
    const handle = startTelemetry({
      endpoint: receiver.endpoint,
      caCertificate: pki.certs.caCert,
      clientCertificate: pki.certs.clientCert,
      clientKey: pki.certs.clientKey,
      pseudonymKey: 'k'.repeat(32),
      maxQueueSize: 10,
      scheduledDelayMillis: 10,
      diagLogger: logger,
      handleSignals: false,
      shutdownTimeoutMillis: 4000,
    });
    try {
      const tracer = trace.getTracer('load');
      for (let i = 0; i < 500; i++) tracer.startSpan(`span ${i}`).end();
      await new Promise((r) => setTimeout(r, 100));
      const drops = logger.warnings.filter((w) => w.includes('telegraf-otel: dropped'));
      expect(drops).toHaveLength(1);
      expect(drops[0]).toMatch(/dropped \d+ spans .*queue_full/);
    } finally {
      await handle.shutdown();
      await receiver.close();
    }
    // Exported spans plus the dropped ones reported (first report + final summary) account for every span.
    const reported = logger.warnings
      .filter((w) => w.includes('telegraf-otel: dropped'))
      .map((w) => Number(/dropped (\d+) spans/.exec(w)?.[1] ?? 0));
    expect(reported.length).toBeLessThanOrEqual(2);
    const exported = receiver.spans().length;
    expect(exported).toBeGreaterThan(0);
    expect(exported + reported.reduce((a, b) => a + b, 0)).toBe(500);
  });
});
