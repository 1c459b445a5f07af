import type { AnyValue, Attributes } from '@opentelemetry/api';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import type { Redactor } from './redactor.js';
import type { RedactionTally } from './tally.js';

export interface RedactedLogParts {
  readonly body: AnyValue | undefined;
  readonly attributes: Attributes;
  readonly eventName: string | undefined;
  readonly severityText: string | undefined;
}

const redactOptional = (
  value: string | undefined,
  redactor: Redactor,
  tally: RedactionTally,
): string | undefined => (value === undefined ? value : redactor.redactString(value, tally));

/** Every place of a log record that can carry text: body (recursively), attributes, event name, severity text. */
export function redactLogParts(
  record: ReadableLogRecord,
  redactor: Redactor,
  tally: RedactionTally,
): RedactedLogParts {
  return {
    body: redactor.redactValue(record.body, tally) as AnyValue | undefined,
    attributes: redactor.redactAttributes(record.attributes, tally),
    eventName: redactOptional(record.eventName, redactor, tally),
    severityText: redactOptional(record.severityText, redactor, tally),
  };
}
