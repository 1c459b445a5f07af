/** An attribute value of OTLP/JSON (`{ stringValue }`, `{ intValue }`, `{ arrayValue }`, …). */
type OtlpValue = Record<string, unknown>;
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}
interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  name: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes?: OtlpKeyValue[];
  status?: { code?: number; message?: string };
}
interface OtlpLogRecord {
  traceId?: string;
  spanId?: string;
  timeUnixNano?: string;
  observedTimeUnixNano?: string;
  severityNumber?: number;
  severityText?: string;
  eventName?: string;
  body?: OtlpValue;
  attributes?: OtlpKeyValue[];
}

/** One span or log record of the file destination, flattened for reading. */
export interface ViewRecord {
  kind: 'span' | 'log';
  /** Milliseconds since the epoch. */
  time: number;
  /** Log severity number; spans count as INFO (9), or ERROR (17) when their status is an error. */
  severity: number;
  severityText: string;
  /** The log record's event name, or the span name. */
  name: string;
  traceId: string;
  body?: unknown;
  durationMillis?: number;
  statusMessage?: string;
  attributes: Record<string, unknown>;
}

const SPAN_STATUS_ERROR = 2;

export function plainValue(value: OtlpValue | undefined): unknown {
  if (!value) return undefined;
  if ('arrayValue' in value)
    return ((value.arrayValue as { values?: OtlpValue[] }).values ?? []).map(plainValue);
  if ('kvlistValue' in value)
    return flatten((value.kvlistValue as { values?: OtlpKeyValue[] }).values);
  const [first] = Object.values(value);
  return first;
}

function flatten(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, plainValue(value)]));
}

const millis = (nanos: string | undefined): number => Number(BigInt(nanos ?? '0') / 1_000_000n);

function fromSpan(span: OtlpSpan): ViewRecord {
  const failed = span.status?.code === SPAN_STATUS_ERROR;
  return {
    kind: 'span',
    time: millis(span.startTimeUnixNano),
    severity: failed ? 17 : 9,
    severityText: 'SPAN',
    name: span.name,
    traceId: span.traceId ?? '',
    durationMillis:
      Number(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)) / 1_000_000,
    statusMessage: failed ? (span.status?.message ?? 'error') : undefined,
    attributes: flatten(span.attributes),
  };
}

function fromLogRecord(record: OtlpLogRecord): ViewRecord {
  return {
    kind: 'log',
    time: millis(record.timeUnixNano ?? record.observedTimeUnixNano),
    severity: record.severityNumber ?? 0,
    severityText: record.severityText ?? '-',
    name: record.eventName ?? '-',
    traceId: record.traceId ?? '',
    body: plainValue(record.body),
    attributes: flatten(record.attributes),
  };
}

/** The records of one line of the file (one OTLP/JSON export request), in file order. */
export function parseTelemetryLine(line: string): ViewRecord[] {
  const request = JSON.parse(line) as {
    resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
    resourceLogs?: { scopeLogs?: { logRecords?: OtlpLogRecord[] }[] }[];
  };
  const records: ViewRecord[] = [];
  for (const resource of request.resourceSpans ?? [])
    for (const scope of resource.scopeSpans ?? [])
      for (const span of scope.spans ?? []) records.push(fromSpan(span));
  for (const resource of request.resourceLogs ?? [])
    for (const scope of resource.scopeLogs ?? [])
      for (const record of scope.logRecords ?? []) records.push(fromLogRecord(record));
  return records;
}
