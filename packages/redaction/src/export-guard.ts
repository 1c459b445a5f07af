import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';

/**
 * Runs `redact` once the records' resources have settled (async resource detectors), then
 * forwards the copies. A record whose copy cannot be made is dropped; if redaction as a whole
 * fails nothing is forwarded and the export reports failure — never the raw records.
 */
export function exportRedacted<T extends { readonly resource: Resource }>(
  records: readonly T[],
  redactOne: (record: T) => T,
  forward: (copies: T[], resultCallback: (result: ExportResult) => void) => void,
  resultCallback: (result: ExportResult) => void,
): void {
  const run = (): void => {
    let copies: T[];
    try {
      copies = [];
      for (const record of records) {
        try {
          copies.push(redactOne(record));
        } catch (error) {
          diag.warn(
            'redaction: a record could not be redacted and was dropped',
            (error as Error)?.name,
          );
        }
      }
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error as Error });
      return;
    }
    forward(copies, resultCallback);
  };
  const pending: Promise<void>[] = [];
  for (const record of records) {
    try {
      if (record.resource.asyncAttributesPending) {
        pending.push(record.resource.waitForAsyncAttributes?.() ?? Promise.resolve());
      }
    } catch {
      // An unreadable record is dropped by `run`.
    }
  }
  if (pending.length === 0) run();
  else Promise.all(pending).then(run, run);
}
