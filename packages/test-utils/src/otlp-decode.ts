import { ExportLogsServiceRequest, ExportTraceServiceRequest } from './otlp-schema.js';

export type Attributes = Record<string, unknown>;

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** OTLP kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Attributes;
  events: { name: string; attributes: Attributes }[];
  links: { traceId: string; spanId: string; attributes: Attributes }[];
  status: { code: number; message: string };
  resource: Attributes;
  scope: string;
}

export interface DecodedLogRecord {
  traceId: string;
  spanId: string;
  severityNumber: number;
  severityText: string;
  eventName: string;
  body: unknown;
  attributes: Attributes;
  resource: Attributes;
  scope: string;
}

interface PbAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: PbAnyValue[] };
  kvlistValue?: { values?: PbKeyValue[] };
  bytesValue?: Uint8Array;
}
interface PbKeyValue {
  key: string;
  value?: PbAnyValue;
}

const TO_OBJECT = { longs: Number, bytes: Buffer, defaults: false, oneofs: false } as const;

function anyValue(v: PbAnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(anyValue);
  if (v.kvlistValue) return attributes(v.kvlistValue.values);
  if (v.bytesValue) return Buffer.from(v.bytesValue);
  return undefined;
}

function attributes(kvs: PbKeyValue[] | undefined): Attributes {
  return Object.fromEntries((kvs ?? []).map((kv) => [kv.key, anyValue(kv.value)]));
}

function hex(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes).toString('hex') : '';
}

/** Decodes the raw bytes of an `ExportTraceServiceRequest` into flat spans. */
export function decodeTraceRequest(bytes: Uint8Array): DecodedSpan[] {
  // biome-ignore lint/suspicious/noExplicitAny: protobufjs returns untyped plain objects.
  const req: any = ExportTraceServiceRequest.toObject(
    ExportTraceServiceRequest.decode(bytes),
    TO_OBJECT,
  );
  const spans: DecodedSpan[] = [];
  for (const rs of req.resourceSpans ?? []) {
    const resource = attributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name ?? '',
          kind: s.kind ?? 0,
          attributes: attributes(s.attributes),
          events: (s.events ?? []).map((e: { name?: string; attributes?: PbKeyValue[] }) => ({
            name: e.name ?? '',
            attributes: attributes(e.attributes),
          })),
          links: (s.links ?? []).map(
            (l: { traceId?: Uint8Array; spanId?: Uint8Array; attributes?: PbKeyValue[] }) => ({
              traceId: hex(l.traceId),
              spanId: hex(l.spanId),
              attributes: attributes(l.attributes),
            }),
          ),
          status: { code: s.status?.code ?? 0, message: s.status?.message ?? '' },
          resource,
          scope: ss.scope?.name ?? '',
        });
      }
    }
  }
  return spans;
}

/** Decodes the raw bytes of an `ExportLogsServiceRequest` into flat log records. */
export function decodeLogsRequest(bytes: Uint8Array): DecodedLogRecord[] {
  // biome-ignore lint/suspicious/noExplicitAny: protobufjs returns untyped plain objects.
  const req: any = ExportLogsServiceRequest.toObject(
    ExportLogsServiceRequest.decode(bytes),
    TO_OBJECT,
  );
  const records: DecodedLogRecord[] = [];
  for (const rl of req.resourceLogs ?? []) {
    const resource = attributes(rl.resource?.attributes);
    for (const sl of rl.scopeLogs ?? []) {
      for (const r of sl.logRecords ?? []) {
        records.push({
          traceId: hex(r.traceId),
          spanId: hex(r.spanId),
          severityNumber: r.severityNumber ?? 0,
          severityText: r.severityText ?? '',
          eventName: r.eventName ?? '',
          body: anyValue(r.body),
          attributes: attributes(r.attributes),
          resource,
          scope: sl.scope?.name ?? '',
        });
      }
    }
  }
  return records;
}
