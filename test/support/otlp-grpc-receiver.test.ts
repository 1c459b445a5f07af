import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { SpanKind } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { type DevCertificateFiles, generateDevCertificates } from '@telegraf-otel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpGrpcReceiver, startOtlpGrpcReceiver } from './otlp-grpc-receiver.js';

let dir: string;
let certs: DevCertificateFiles;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tgotel-receiver-'));
  certs = await generateDevCertificates(dir, { rogueClient: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function credentials(client: 'good' | 'rogue' | 'none'): Promise<grpc.ChannelCredentials> {
  const ca = await readFile(certs.caCert);
  if (client === 'none') return grpc.credentials.createSsl(ca);
  const [key, cert] =
    client === 'good'
      ? [await readFile(certs.clientKey), await readFile(certs.clientCert)]
      : [
          await readFile(certs.rogueClientKey as string),
          await readFile(certs.rogueClientCert as string),
        ];
  return grpc.credentials.createSsl(ca, key, cert);
}

/** Produces one real span and one real log record through the SDK, captured in memory. */
function sampleTelemetry() {
  const spanExporter = new InMemorySpanExporter();
  const tracer = new TracerProvider({
    spanProcessors: [new SimpleSpanProcessor({ exporter: spanExporter })],
  }).getTracer('t');
  const span = tracer.startSpan('telegram.update message', {
    kind: SpanKind.CONSUMER,
    attributes: { a: 'x' },
  });
  span.addEvent('ev', { k: 7 });
  span.end();
  const logExporter = new InMemoryLogRecordExporter();
  const logger = new LoggerProvider({
    processors: [new SimpleLogRecordProcessor({ exporter: logExporter })],
  }).getLogger('l');
  logger.emit({
    eventName: 'telegram.update.handled',
    body: { nested: ['v', 1] },
    attributes: { b: true },
  });
  return { spans: spanExporter.getFinishedSpans(), logs: logExporter.getFinishedLogRecords() };
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
      tls: { ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey },
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
      tls: { ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey },
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
      tls: { ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey },
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
