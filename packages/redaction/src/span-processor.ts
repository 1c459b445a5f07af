import { type Attributes, diag } from '@opentelemetry/api';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { ENGINE_RULES, marker } from './markers.js';
import type { Redactor } from './redactor.js';
import { redactSpanParts } from './span-redaction.js';
import { RedactionTally } from './tally.js';

const ERROR_MARKER = marker(ENGINE_RULES.ruleError);

function replaceAttributes(
  target: Attributes,
  redacted: Attributes,
  set: (key: string, value: Attributes[string]) => void,
): void {
  // Stryker disable next-line ConditionalExpression: with the same map, no key is deleted and no value differs
  if (redacted === target) return;
  // Keys that held a secret were renamed: the old key must go (setAttribute cannot delete).
  for (const key of Object.keys(target)) {
    if (!Object.hasOwn(redacted, key)) delete target[key];
  }
  for (const key of Object.keys(redacted)) {
    // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
    if (target[key] !== redacted[key]) set(key, redacted[key]);
  }
}

/**
 * Redacts a span in place in `onEnding`, the last moment it is writable, so every processor after
 * it (and every exporter) sees only redacted data. It reaches name, attributes, status, events and
 * links of spans from any instrumentation; resources are shared and read-only here, which is why
 * `RedactingSpanExporter` is the seam that covers everything.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  constructor(private readonly redactor: Redactor) {}

  onStart(): void {}

  onEnding(span: Span): void {
    const tally = new RedactionTally();
    try {
      const parts = redactSpanParts(span, this.redactor, tally);
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.name !== span.name) span.updateName(parts.name);
      replaceAttributes(span.attributes, parts.attributes, (key, value) =>
        span.setAttribute(key, value as never),
      );
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.status !== span.status) span.setStatus(parts.status);
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.events !== span.events) span.events.splice(0, span.events.length, ...parts.events);
      // Stryker disable next-line ConditionalExpression: writing back the value the record already holds changes nothing
      if (parts.links !== span.links) span.links.splice(0, span.links.length, ...parts.links);
      const counters = tally.counters(span.attributes, this.redactor.isRuleName);
      if (counters) span.setAttributes(counters);
    } catch (error) {
      diag.warn(
        'redaction: span could not be redacted in place; its values were dropped',
        (error as Error)?.name,
      );
      dropValues(span);
    }
  }

  onEnd(): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/** Fail closed: whatever may still be raw is replaced by the error marker. */
function dropValues(span: Span): void {
  try {
    span.updateName(ERROR_MARKER);
    for (const key of Object.keys(span.attributes)) span.attributes[key] = ERROR_MARKER;
    span.events.length = 0;
    span.links.length = 0;
    if (span.status.message !== undefined)
      span.setStatus({ code: span.status.code, message: ERROR_MARKER });
  } catch {
    // Nothing more can be done from here; the exporter wrapper is the backstop.
  }
}
