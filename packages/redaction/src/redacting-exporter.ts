import type { HrTime } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import { type ExportWatermark, now } from './content-registry.js';
import { exportRedacted } from './export-guard.js';
import { InFlightExports } from './in-flight-exports.js';
import type { Redactor } from './redactor.js';
import { ResourceRedaction } from './resource-redaction.js';

/** What both wrapped exporters (span and log record) have in common. */
interface WrappedExporter<T> {
  export(records: T[], resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * The lifecycle the span and log exporter wrappers share: deferred, fail-closed export of redacted
 * copies, and forceFlush()/shutdown() that wait for those deferred exports, so nothing is handed
 * on after the wrapped exporter closed. Subclasses say how one record is redacted.
 */
export abstract class RedactingExporter<T extends { readonly resource: Resource }> {
  protected readonly resources: ResourceRedaction;
  private readonly inFlight = new InFlightExports();
  private readonly watermark: ExportWatermark;

  constructor(
    private readonly exporter: WrappedExporter<T>,
    protected readonly redactor: Redactor,
  ) {
    this.resources = new ResourceRedaction(redactor);
    this.watermark = redactor.content.watermark();
  }

  export(records: T[], resultCallback: (result: ExportResult) => void): void {
    // A secret that appeared since the last export (an environment variable set late) counts now.
    this.redactor.pollSecretSources();
    this.inFlight.track(
      exportRedacted(
        records,
        (record) => this.redactRecord(record),
        (copies, done) => {
          // The traces of these records may now be released from the content registry.
          this.watermark.exported(records.map((record) => this.recordTime(record)));
          this.exporter.export(copies, done);
        },
        resultCallback,
      ),
    );
  }

  async shutdown(): Promise<void> {
    await this.inFlight.settled();
    await this.exporter.shutdown();
  }

  async forceFlush(): Promise<void> {
    const started = now();
    await this.inFlight.settled();
    await this.exporter.forceFlush?.();
    this.watermark.flushed(started);
  }

  /** A redacted copy of `record` (or `record` itself when nothing needed redacting). */
  protected abstract redactRecord(record: T): T;

  /** When the record was queued for export (batches leave in this order). */
  protected abstract recordTime(record: T): HrTime | undefined;
}
