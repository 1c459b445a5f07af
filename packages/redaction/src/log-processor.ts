import { diag } from '@opentelemetry/api';
import type { LogRecordProcessor, ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import { redactLogParts } from './log-redaction.js';
import { ENGINE_RULES, marker } from './markers.js';
import type { Redactor } from './redactor.js';
import { RedactionTally } from './tally.js';

const ERROR_MARKER = marker(ENGINE_RULES.ruleError);

/**
 * Redacts each log record in `onEmit`, while it is still writable. Register it BEFORE the
 * exporting processor: a `SimpleLogRecordProcessor` exports inside its own `onEmit`, and after the
 * last processor the record becomes read-only. Resource attributes are shared and not writable
 * here; `RedactingLogRecordExporter` covers them.
 */
export class RedactingLogRecordProcessor implements LogRecordProcessor {
  constructor(private readonly redactor: Redactor) {}

  onEmit(record: ReadWriteLogRecord): void {
    const tally = new RedactionTally();
    try {
      const parts = redactLogParts(record, this.redactor, tally);
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.body !== record.body) record.setBody(parts.body as never);
      const attributes = record.attributes as Record<string, unknown>;
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.attributes !== record.attributes) {
        for (const key of Object.keys(attributes)) {
          if (!Object.hasOwn(parts.attributes, key)) delete attributes[key];
        }
        for (const [key, value] of Object.entries(parts.attributes)) {
          // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
          if (attributes[key] !== value) record.setAttribute(key, value);
        }
      }
      // Stryker disable next-line ConditionalExpression,LogicalOperator: writing back the same name changes nothing, and a redacted name is never undefined where the record has one
      if (parts.eventName !== record.eventName && parts.eventName !== undefined)
        record.setEventName(parts.eventName);
      // Stryker disable next-line ConditionalExpression,LogicalOperator: writing back the same text changes nothing, and a redacted text is never undefined where the record has one
      if (parts.severityText !== record.severityText && parts.severityText !== undefined) {
        record.setSeverityText(parts.severityText);
      }
      const counters = tally.counters(record.attributes, this.redactor.isRuleName);
      if (counters) record.setAttributes(counters);
    } catch (error) {
      diag.warn(
        'redaction: log record could not be redacted; its values were dropped',
        (error as Error)?.name,
      );
      try {
        record.setBody(ERROR_MARKER);
        for (const key of Object.keys(record.attributes)) record.setAttribute(key, ERROR_MARKER);
      } catch {
        // The exporter wrapper is the backstop.
      }
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
