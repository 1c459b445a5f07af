import type { ExportResult } from '@opentelemetry/core';
import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { exportRedacted } from './export-guard.js';
import { InFlightExports } from './in-flight-exports.js';
import { redactLogParts } from './log-redaction.js';
import type { Redactor } from './redactor.js';
import { ResourceRedaction } from './resource-redaction.js';
import { RedactionTally } from './tally.js';

/**
 * Wraps any log exporter and hands it redacted copies (body, attributes, event name, resource and
 * scope attributes): it covers records that skipped the processor (registered after an exporting
 * processor) and the resource, which no processor can change.
 */
export class RedactingLogRecordExporter implements LogRecordExporter {
  private readonly resources: ResourceRedaction;
  private readonly inFlight = new InFlightExports();

  constructor(
    private readonly exporter: LogRecordExporter,
    private readonly redactor: Redactor,
  ) {
    this.resources = new ResourceRedaction(redactor);
  }

  export(logs: ReadableLogRecord[], resultCallback: (result: ExportResult) => void): void {
    this.inFlight.track(
      exportRedacted(
        logs,
        (log) => this.redactLog(log),
        (copies, done) => this.exporter.export(copies, done),
        resultCallback,
      ),
    );
  }

  /** Waits for the deferred exports, so nothing is handed on after the wrapped exporter closed. */
  async shutdown(): Promise<void> {
    await this.inFlight.settled();
    await this.exporter.shutdown();
  }

  async forceFlush(): Promise<void> {
    await this.inFlight.settled();
    await this.exporter.forceFlush();
  }

  private redactLog(log: ReadableLogRecord): ReadableLogRecord {
    const tally = new RedactionTally();
    const parts = redactLogParts(log, this.redactor, tally);
    const resource = this.resources.resource(log.resource);
    const instrumentationScope = this.resources.scope(log.instrumentationScope);
    const counters = tally.counters(parts.attributes);
    const unchanged =
      !counters &&
      parts.body === log.body &&
      parts.attributes === log.attributes &&
      parts.eventName === log.eventName &&
      parts.severityText === log.severityText &&
      resource === log.resource &&
      instrumentationScope === log.instrumentationScope;
    if (unchanged) return log;
    return {
      hrTime: log.hrTime,
      hrTimeObserved: log.hrTimeObserved,
      spanContext: log.spanContext,
      severityText: parts.severityText,
      severityNumber: log.severityNumber,
      body: parts.body,
      eventName: parts.eventName,
      resource,
      instrumentationScope,
      attributes: counters ? { ...parts.attributes, ...counters } : parts.attributes,
      droppedAttributesCount: log.droppedAttributesCount,
    };
  }
}
