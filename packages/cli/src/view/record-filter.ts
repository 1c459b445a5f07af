import type { ViewRecord } from './telemetry-records.js';

/** OpenTelemetry severity numbers where each named level starts. */
export const SEVERITY_LEVELS = { trace: 1, debug: 5, info: 9, warn: 13, error: 17, fatal: 21 };
export type SeverityLevel = keyof typeof SEVERITY_LEVELS;

export interface RecordFilterOptions {
  /** Minimum severity (spans count as INFO, or ERROR when they failed). */
  severity?: SeverityLevel;
  /** Event or span name; `*` matches any run of characters (`telegram.update.*`). */
  event?: string;
  /** A trace id or its beginning (the viewer shows the first 8 characters). */
  trace?: string;
}

function namePattern(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*');
  return new RegExp(`^${escaped}$`);
}

export function createRecordFilter(options: RecordFilterOptions): (record: ViewRecord) => boolean {
  const minimum = options.severity ? SEVERITY_LEVELS[options.severity] : 0;
  const name = options.event ? namePattern(options.event) : undefined;
  const trace = options.trace?.toLowerCase();
  return (record) =>
    record.severity >= minimum &&
    (name === undefined || name.test(record.name)) &&
    (trace === undefined || record.traceId.startsWith(trace));
}
