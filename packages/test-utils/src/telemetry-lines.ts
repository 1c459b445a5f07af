import { readFile } from 'node:fs/promises';

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
  arrayValue?: { values?: OtlpValue[] };
  kvlistValue?: { values?: { key: string; value?: OtlpValue }[] };
};

export interface ExportedLogRecord {
  resource: Record<string, unknown>;
  scope: string;
  /** As OTLP/JSON writes it: nanoseconds since the epoch, a decimal string. */
  timeUnixNano: string;
  eventName: string | undefined;
  severityNumber: number | undefined;
  severityText: string | undefined;
  body: unknown;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
}

export interface ExportedSpan {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, unknown>;
  status: { code?: number; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
}

function plain(value: OtlpValue | undefined): unknown {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plain);
  if (value.kvlistValue) return attributes(value.kvlistValue.values);
  return undefined;
}

function attributes(
  list: { key: string; value?: OtlpValue }[] | undefined,
): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]));
}

/** The file destination's records: every byte (for canary scans), spans and log records in order. */
export async function readTelemetryLines(path: string): Promise<{
  raw: Buffer;
  spans: ExportedSpan[];
  logs: ExportedLogRecord[];
}> {
  const raw = await readFile(path);
  const spans: ExportedSpan[] = [];
  const logs: ExportedLogRecord[] = [];
  for (const line of raw.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    const request = JSON.parse(line);
    for (const rs of request.resourceSpans ?? [])
      for (const ss of rs.scopeSpans ?? [])
        for (const s of ss.spans ?? [])
          spans.push({
            name: s.name,
            kind: s.kind,
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? '',
            attributes: attributes(s.attributes),
            status: s.status ?? {},
            events: (s.events ?? []).map((e: { name: string; attributes?: [] }) => ({
              name: e.name,
              attributes: attributes(e.attributes),
            })),
          });
    for (const rl of request.resourceLogs ?? [])
      for (const sl of rl.scopeLogs ?? [])
        for (const r of sl.logRecords ?? [])
          logs.push({
            resource: attributes(rl.resource?.attributes),
            scope: sl.scope?.name ?? '',
            timeUnixNano: String(r.timeUnixNano ?? '0'),
            eventName: r.eventName,
            severityNumber: r.severityNumber,
            severityText: r.severityText,
            body: plain(r.body),
            attributes: attributes(r.attributes),
            traceId: r.traceId ?? '',
            spanId: r.spanId ?? '',
          });
  }
  return { raw, spans, logs };
}
