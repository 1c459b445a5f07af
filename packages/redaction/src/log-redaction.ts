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

/**
 * Every place of a log record that can carry text: body (recursively), attributes, event name,
 * severity text; with the content remembered for the record's trace masked as well. The body is
 * the app's own object: it is redacted into a snapshot, so a getter or a later change cannot put
 * something else in front of the serialiser.
 */
export function redactLogParts(
  record: ReadableLogRecord,
  redactor: Redactor,
  tally: RedactionTally,
): RedactedLogParts {
  return redactor.inTrace(record.spanContext?.traceId, () => ({
    body: redactBody(record.body, redactor, tally),
    attributes: redactor.redactAttributes(record.attributes, tally),
    eventName: redactOptional(record.eventName, redactor, tally),
    severityText: redactOptional(record.severityText, redactor, tally),
  }));
}

function redactBody(
  body: AnyValue | undefined,
  redactor: Redactor,
  tally: RedactionTally,
): AnyValue | undefined {
  if (typeof body !== 'object' || body === null)
    return redactor.redactValue(body, tally) as AnyValue;
  return redactor.snapshotValue(body, tally) as AnyValue;
}
