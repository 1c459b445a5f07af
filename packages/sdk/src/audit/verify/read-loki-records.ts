import { nanosToMillis, type StoredAuditRecord } from './stored-audit-record.js';

type LokiEntry = [string, string, { structuredMetadata?: Record<string, string> }?];
interface LokiQueryResult {
  data?: {
    resultType?: string;
    result?: { stream?: Record<string, string>; values?: LokiEntry[] }[];
  };
}

/** True for the JSON of a Loki `query_range` answer (`{"data":{"resultType":"streams",…}}`). */
export function isLokiQueryResult(value: unknown): value is LokiQueryResult {
  return (value as LokiQueryResult)?.data?.resultType === 'streams';
}

/**
 * The audit records of a saved Loki query result, in time order (Loki's storage order). Structured
 * metadata is read from the stream labels (default encoding) or from the entries
 * (`categorize-labels` encoding).
 */
export function readLokiRecords(result: LokiQueryResult, name: string): StoredAuditRecord[] {
  const records: (StoredAuditRecord & { nanos: bigint })[] = [];
  for (const stream of result.data?.result ?? []) {
    for (const [nanos, , extra] of stream.values ?? []) {
      const attributes = { ...stream.stream, ...extra?.structuredMetadata };
      if (
        attributes.telegram_log_stream !== 'audit' ||
        attributes.telegram_audit_chain_id === undefined
      )
        continue;
      records.push({
        location: `${name} @ ${nanos}`,
        timeMillis: nanosToMillis(nanos),
        attributes,
        nanos: BigInt(nanos),
      });
    }
  }
  // Records of one millisecond share a time stamp: within it, the sequence number is the order.
  const seq = (r: StoredAuditRecord) => Number(r.attributes.telegram_audit_chain_seq);
  records.sort((a, b) => (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : seq(a) - seq(b)));
  return records.map(({ nanos: _nanos, ...record }) => record);
}
