/** An audit record as read back from storage, in storage order. */
export interface StoredAuditRecord {
  /** Where it was found, for reports (`telemetry.jsonl:12`). */
  location: string;
  timeMillis: number;
  /** Attributes with Loki's key form (`telegram_audit_action`) and string values. */
  attributes: Record<string, string>;
}

/** Nanoseconds since the epoch (a string or number, as OTLP/JSON and Loki write them) to whole ms. */
export function nanosToMillis(nanos: string | number): number {
  return Number(BigInt(nanos) / 1_000_000n);
}

export function lokiKey(key: string): string {
  return key.replaceAll('.', '_');
}
