import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readFileRecords } from './read-file-records.js';
import { isLokiQueryResult, readLokiRecords } from './read-loki-records.js';
import type { StoredAuditRecord } from './stored-audit-record.js';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Audit records from files given oldest first: the file destination's JSON Lines (rotated files
 * too: `telemetry.jsonl.1` before `telemetry.jsonl`) or a Loki query result saved as JSON.
 */
export async function readAuditRecords(paths: readonly string[]): Promise<StoredAuditRecord[]> {
  const records: StoredAuditRecord[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    const whole = parseJson(text);
    const name = basename(path);
    records.push(
      ...(isLokiQueryResult(whole) ? readLokiRecords(whole, name) : readFileRecords(text, name)),
    );
  }
  return records;
}
