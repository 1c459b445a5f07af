import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DiagLogger, trace } from '@opentelemetry/api';
import { startTelemetry, TelemetryConfigurationError } from '@telegraf-otel/sdk';
import { startOtlpGrpcReceiver } from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { describe, expect, it } from 'vitest';

const pki = useTestPki();

function capturingLogger(): DiagLogger & { warnings: string[]; errors: string[]; infos: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const infos: string[] = [];
  const noop = () => {};
  return {
    warnings,
    errors,
    infos,
    warn: (m: string) => warnings.push(m),
    error: (m: string) => errors.push(m),
    info: (m: string) => infos.push(m),
    debug: noop,
    verbose: noop,
  };
}

describe('startTelemetry (in process)', () => {
  it('without a pseudonym key: one clear warning and the key named in the start-up line', async () => {
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
    expect(logger.infos).toEqual([
      `telegraf-otel: telemetry to the private file ${join(pki.dir, 'a', 't.jsonl')}; known secrets: ` +
        'a random pseudonym key, and every bot token Telegraf uses',
    ]);
  });

  it('a configuration error disables telemetry with one line naming the setting; strict mode throws', async () => {
    const logger = capturingLogger();
    const file = join(pki.dir, 'short-key', 't.jsonl');
    const handle = startTelemetry({
      file,
      pseudonymKey: 'too-short',
      handleSignals: false,
      diagLogger: logger,
    });
    expect(handle.enabled).toBe(false);
    // Nothing is set up, so nothing can be exported: no file, no global tracer provider.
    expect(existsSync(file)).toBe(false);
    expect(trace.getTracer('x').startSpan('y').isRecording()).toBe(false);
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0]).toMatch(
      /^telegraf-otel: telemetry is DISABLED, nothing is exported: option `pseudonymKey`: is 9 bytes; at least 32 .*openssl rand -base64 48.*TELEGRAF_OTEL_STRICT=true/,
    );
    expect(logger.errors[0]).not.toContain('\n');
    await handle.shutdown();

    expect(() =>
      startTelemetry({ file, pseudonymKey: 'too-short', handleSignals: false, strict: true }),
    ).toThrow(TelemetryConfigurationError);
  });

  it('warns once per unknown option with the nearest valid name', async () => {
    const logger = capturingLogger();
    const options = {
      file: join(pki.dir, 'typo', 't.jsonl'),
      pseudonymKey: 'k'.repeat(32),
      handleSignals: false,
      diagLogger: logger,
      secret: ['webhook-secret-value'],
    };
    const handle = startTelemetry(options);
    await handle.shutdown();
    expect(logger.warnings).toEqual([
      'telegraf-otel: option `secret` is not a telegraf-otel setting and is ignored; did you mean option `secrets`?',
    ]);
    expect(() => startTelemetry({ ...options, strict: true })).toThrow(
      /option `secret` is not a telegraf-otel setting/,
    );
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
      // The first report comes right after the burst; later drops wait for the next interval.
      const drops = await waitFor('the first drop report', () => {
        const found = logger.warnings.filter((w) => w.includes('telegraf-otel: dropped'));
        return found.length > 0 && found;
      });
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
