import { lokiKey, nanosToMillis, type StoredAuditRecord } from './stored-audit-record.js';

interface OtlpAnyValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
interface OtlpLogRecord {
  timeUnixNano?: string | number;
  eventName?: string;
  attributes?: { key: string; value?: OtlpAnyValue }[];
}
interface OtlpLine {
  resourceLogs?: { scopeLogs?: { logRecords?: OtlpLogRecord[] }[] }[];
}

function scalar(value: OtlpAnyValue | undefined): string | undefined {
  const v = value?.stringValue ?? value?.intValue ?? value?.boolValue ?? value?.doubleValue;
  return v === undefined ? undefined : String(v);
}

/**
 * The audit records (attribute `telegram.log.stream` = `audit`) of the file destination's JSON
 * Lines (one OTLP/JSON export request per line), in file order.
 */
export function readFileRecords(text: string, name: string): StoredAuditRecord[] {
  const records: StoredAuditRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: OtlpLine;
    try {
      parsed = JSON.parse(line) as OtlpLine;
    } catch {
      throw new Error(`${name}:${index + 1} is not an OTLP/JSON line`);
    }
    for (const resource of parsed.resourceLogs ?? [])
      for (const scope of resource.scopeLogs ?? [])
        for (const record of scope.logRecords ?? []) {
          const attributes: Record<string, string> = {};
          for (const { key, value } of record.attributes ?? []) {
            const text = scalar(value);
            if (text !== undefined) attributes[lokiKey(key)] = text;
          }
          if (attributes.telegram_log_stream !== 'audit') continue;
          records.push({
            location: `${name}:${index + 1}`,
            timeMillis: nanosToMillis(record.timeUnixNano ?? 0),
            attributes,
          });
        }
  });
  return records;
}
