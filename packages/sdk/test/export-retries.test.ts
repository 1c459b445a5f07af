import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { resolveConfig } from '@telegraf-otel/sdk';
import {
  type OtlpGrpcReceiver,
  type OtlpGrpcReceiverOptions,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { sampleTelemetry } from '@telegraf-otel/test-utils/sample-telemetry';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { describe, expect, it } from 'vitest';
import { createOtlpExporters } from '../src/transport/otlp-exporters.js';

const pki = useTestPki();

/** The SDK's span exporter against a fresh receiver; both are closed after `body`. */
async function withExporter(
  receiverOptions: Omit<OtlpGrpcReceiverOptions, 'tls'>,
  exporterOptions: { bearerToken?: string; exportTimeoutMillis?: number },
  body: (receiver: OtlpGrpcReceiver, exportSpans: () => Promise<ExportResult>) => Promise<void>,
): Promise<void> {
  const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls(), ...receiverOptions });
  const { destination } = resolveConfig(
    {
      endpoint: receiver.endpoint,
      caCertificate: pki.certs.caCert,
      clientCertificate: pki.certs.clientCert,
      clientKey: pki.certs.clientKey,
      exportTimeoutMillis: 8000,
      ...exporterOptions,
    },
    {},
  );
  if (destination.kind !== 'otlp') throw new Error('expected an OTLP destination');
  const { spans } = createOtlpExporters(destination);
  try {
    await body(receiver, () => new Promise((done) => spans.export(sampleTelemetry().spans, done)));
  } finally {
    await spans.shutdown();
    await receiver.close();
  }
}

describe('OTLP/gRPC export retries (real gRPC server)', () => {
  it('retries UNAVAILABLE within the export timeout and delivers once the collector accepts', () =>
    withExporter({ mode: 'fail' }, {}, async (receiver, exportSpans) => {
      const result = exportSpans();
      // Refused, then tried again: the exporter is retrying, not waiting out a single call.
      await waitFor('a retried export', () => receiver.refused >= 2);
      expect(receiver.exports).toHaveLength(0);
      receiver.setMode('accept');
      expect((await result).code).toBe(ExportResultCode.SUCCESS);
      expect(receiver.spans().map((s) => s.name)).toEqual(['telegram.update message']);
    }));

  it('gives up with the last error at the export timeout while the collector keeps failing', () =>
    withExporter({ mode: 'fail' }, { exportTimeoutMillis: 1500 }, async (receiver, exportSpans) => {
      const result = await exportSpans();
      expect(result.code).toBe(ExportResultCode.FAILED);
      expect(String(result.error)).toMatch(/14 UNAVAILABLE: receiver in fail mode/);
      expect(receiver.exports).toHaveLength(0);
    }));

  it('does not retry a refused credential (UNAUTHENTICATED)', () =>
    withExporter(
      { bearerToken: 'expected-token' },
      { bearerToken: 'wrong-token' },
      async (receiver, exportSpans) => {
        const result = await exportSpans();
        expect(result.code).toBe(ExportResultCode.FAILED);
        expect(String(result.error)).toMatch(/16 UNAUTHENTICATED/);
        expect(receiver.unauthenticated).toBe(1);
      },
    ));
});
