import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { describe, expect, it } from 'vitest';
import { type OtlpGrpcReceiver, startOtlpGrpcReceiver } from '../src/otlp-grpc-receiver.js';
import { sampleTelemetry } from '../src/sample-telemetry.js';
import { useTestPki } from '../src/test-pki.js';

const pki = useTestPki();

async function credentials(client: 'good' | 'rogue' | 'none'): Promise<grpc.ChannelCredentials> {
  const { certs } = pki;
  const ca = await readFile(certs.caCert);
  if (client === 'none') return grpc.credentials.createSsl(ca);
  const [key, cert] =
    client === 'good'
      ? [await readFile(certs.clientKey), await readFile(certs.clientCert)]
      : [await readFile(certs.rogueClientKey), await readFile(certs.rogueClientCert)];
  return grpc.credentials.createSsl(ca, key, cert);
}

async function exportBoth(
  receiver: OtlpGrpcReceiver,
  creds: grpc.ChannelCredentials,
  metadata?: grpc.Metadata,
): Promise<[ExportResult, ExportResult]> {
  const { spans, logs } = sampleTelemetry();
  const config = {
    url: receiver.endpoint,
    credentials: creds,
    metadata,
    compression: 'none' as never,
    timeoutMillis: 5000,
  };
  const traceExporter = new OTLPTraceExporter(config);
  const logExporter = new OTLPLogExporter(config);
  try {
    return await Promise.all([
      new Promise<ExportResult>((r) => traceExporter.export(spans, r)),
      new Promise<ExportResult>((r) => logExporter.export(logs, r)),
    ]);
  } finally {
    await Promise.all([traceExporter.shutdown(), logExporter.shutdown()]);
  }
}

describe('OTLP gRPC test receiver', () => {
  it('receives raw bytes over mTLS and decodes spans and log records', async () => {
    const receiver = await startOtlpGrpcReceiver({
      tls: pki.serverTls(),
    });
    try {
      const results = await exportBoth(receiver, await credentials('good'));
      expect(results.map((r) => r.code)).toEqual([
        ExportResultCode.SUCCESS,
        ExportResultCode.SUCCESS,
      ]);
      expect(receiver.rawBytes().includes('telegram.update message')).toBe(true);
      const [span] = receiver.spans();
      expect(span).toMatchObject({
        name: 'telegram.update message',
        kind: 5,
        attributes: { a: 'x' },
      });
      expect(span?.events).toEqual([{ name: 'ev', attributes: { k: 7 } }]);
      expect(receiver.logRecords()).toMatchObject([
        {
          eventName: 'telegram.update.handled',
          body: { nested: ['v', 1] },
          attributes: { b: true },
        },
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('rejects clients without a certificate or with one from another CA', async () => {
    const receiver = await startOtlpGrpcReceiver({
      tls: pki.serverTls(),
    });
    try {
      for (const client of ['none', 'rogue'] as const) {
        const results = await exportBoth(receiver, await credentials(client));
        expect(results.map((r) => r.code)).toEqual([
          ExportResultCode.FAILED,
          ExportResultCode.FAILED,
        ]);
      }
      expect(receiver.exports).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('enforces the bearer token and the fail mode', async () => {
    const receiver = await startOtlpGrpcReceiver({
      tls: pki.serverTls(),
      requireClientCert: false,
      bearerToken: 's3cr3t-token',
    });
    try {
      const creds = await credentials('none');
      const denied = await exportBoth(receiver, creds);
      expect(denied.map((r) => r.code)).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
      expect(receiver.unauthenticated).toBe(2);
      const md = new grpc.Metadata();
      md.set('authorization', 'Bearer s3cr3t-token');
      const ok = await exportBoth(receiver, creds, md);
      expect(ok.map((r) => r.code)).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
      expect(receiver.exports[0]?.metadata.authorization).toBe('Bearer s3cr3t-token');
      receiver.setMode('fail');
      const failed = await exportBoth(receiver, creds, md);
      expect(failed.map((r) => r.code)).toEqual([ExportResultCode.FAILED, ExportResultCode.FAILED]);
      expect(receiver.exports).toHaveLength(2);
    } finally {
      await receiver.close();
    }
  });
});
