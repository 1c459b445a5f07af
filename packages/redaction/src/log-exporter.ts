import type { LogRecordExporter, ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { redactLogParts } from './log-redaction.js';
import { RedactingExporter } from './redacting-exporter.js';
import { RedactionTally } from './tally.js';

/**
 * Wraps any log exporter and hands it redacted copies (body, attributes, event name, resource and
 * scope attributes): it covers records that skipped the processor (registered after an exporting
 * processor) and the resource, which no processor can change.
 */
export class RedactingLogRecordExporter
  extends RedactingExporter<ReadableLogRecord>
  implements LogRecordExporter
{
  protected recordTime(log: ReadableLogRecord) {
    return log.hrTimeObserved;
  }

  protected redactRecord(log: ReadableLogRecord): ReadableLogRecord {
    const tally = new RedactionTally();
    const parts = redactLogParts(log, this.redactor, tally);
    const resource = this.resources.resource(log.resource);
    const instrumentationScope = this.resources.scope(log.instrumentationScope);
    const counters = tally.counters(parts.attributes, this.redactor.isRuleName);
    const unchanged =
      !counters &&
      parts.body === log.body &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: every change to this part records a count, so with no counters it is unchanged
      parts.attributes === log.attributes &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: every change to this part records a count, so with no counters it is unchanged
      parts.eventName === log.eventName &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: every change to this part records a count, so with no counters it is unchanged
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
