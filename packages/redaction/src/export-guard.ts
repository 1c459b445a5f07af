import { setImmediate as nextTurn } from 'node:timers/promises';
import { diag } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';

/** Resolves when the async attributes of every record's resource have settled. */
function resourcesSettled(records: readonly { readonly resource: Resource }[]): Promise<unknown> {
  const pending: Promise<void>[] = [];
  for (const record of records) {
    try {
      if (record.resource.asyncAttributesPending) {
        pending.push(record.resource.waitForAsyncAttributes?.() ?? Promise.resolve());
      }
    } catch {
      // An unreadable record is dropped by `redactAll`.
    }
  }
  return Promise.allSettled(pending);
}

/** Redacted copies of `records`; a record whose copy cannot be made is dropped, never forwarded raw. */
function redactAll<T>(records: readonly T[], redactOne: (record: T) => T): T[] {
  const copies: T[] = [];
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
  return copies;
}

/**
 * Redacts and forwards on a later turn of the event loop: the batch processors export from inside
 * span.end()/emit() when a batch fills, and the update that happened to fill it would otherwise
 * pay for redacting, serialising and writing the whole batch. Waits for async resource attributes
 * first. If redaction as a whole fails nothing is forwarded and the export reports failure —
 * never the raw records. `resultCallback` is called exactly once. The returned promise settles
 * once the copies have been handed to `forward` (or the export failed).
 */
export async function exportRedacted<T extends { readonly resource: Resource }>(
  records: readonly T[],
  redactOne: (record: T) => T,
  forward: (copies: T[], resultCallback: (result: ExportResult) => void) => void,
  resultCallback: (result: ExportResult) => void,
): Promise<void> {
  let reported = false;
  const reportOnce = (result: ExportResult): void => {
    if (reported) return;
    reported = true;
    resultCallback(result);
  };
  try {
    await Promise.all([nextTurn(), resourcesSettled(records)]);
    forward(redactAll(records, redactOne), reportOnce);
  } catch (error) {
    reportOnce({ code: ExportResultCode.FAILED, error: error as Error });
  }
}
