import { gzipSync } from 'node:zlib';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { buildLogRecords } from '@telegraf-otel/test-utils/otlp-log-sender';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LokiStandIn, startLokiStandIn } from './loki-stand-in.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('Loki stand-in', () => {
  let loki: LokiStandIn;
  let records: ReadableLogRecord[];

  beforeAll(async () => {
    loki = await startLokiStandIn({ tenant: 'tenant-a' });
    records = await buildLogRecords({ 'service.name': 'stand-in-test' }, [
      {
        body: 'hello',
        attributes: { n: 7 },
        spanContext: { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1 },
      },
    ]);
  });
  afterAll(() => loki.stop());

  const post = (body: Uint8Array, headers: Record<string, string>) =>
    fetch(`${loki.endpoint}/v1/logs`, { method: 'POST', body, headers });

  it('decodes gzip-compressed protobuf like the collector sends it', async () => {
    const body = gzipSync(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array);
    const response = await post(body, {
      'content-type': 'application/x-protobuf',
      'content-encoding': 'gzip',
      'x-scope-orgid': 'tenant-a',
    });
    expect(response.status).toBe(200);
    expect(loki.records.at(-1)).toMatchObject({
      body: 'hello',
      attributes: { n: 7 },
      resource: { 'service.name': 'stand-in-test' },
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
  });

  it('decodes OTLP/JSON (hex ids)', async () => {
    const body = JsonLogsSerializer.serializeRequest(records) as Uint8Array;
    const response = await post(body, {
      'content-type': 'application/json',
      'x-scope-orgid': 'tenant-a',
    });
    expect(response.status).toBe(200);
    expect(loki.records.at(-1)).toMatchObject({
      body: 'hello',
      traceId: TRACE_ID,
      spanId: SPAN_ID,
    });
  });

  it('refuses a request without the right tenant, like a multi-tenant Loki', async () => {
    const before = loki.records.length;
    const body = ProtobufLogsSerializer.serializeRequest(records) as Uint8Array;
    const missing = await post(body, { 'content-type': 'application/x-protobuf' });
    const wrong = await post(body, {
      'content-type': 'application/x-protobuf',
      'x-scope-orgid': 'tenant-b',
    });
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(loki.wrongTenantRequests).toBe(2);
    expect(loki.records).toHaveLength(before);
  });

  it('is unreachable while stopped and back on the same endpoint after start', async () => {
    const endpoint = loki.endpoint;
    await loki.stop();
    await expect(fetch(`${endpoint}/v1/logs`, { method: 'POST' })).rejects.toThrow();
    await loki.start();
    expect(loki.endpoint).toBe(endpoint);
    expect((await fetch(`${endpoint}/v1/logs`, { method: 'GET' })).status).toBe(404);
  });
});
