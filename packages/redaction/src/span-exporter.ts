import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { RedactingExporter } from './redacting-exporter.js';
import { redactSpanParts } from './span-redaction.js';
import { RedactionTally } from './tally.js';

/**
 * Wraps any span exporter and hands it redacted copies: name, attributes, status, events, links,
 * resource and scope attributes. The spans the SDK holds are read-only by now, so this is the one
 * seam that reaches everything, whichever processor or instrumentation produced the span.
 */
export class RedactingSpanExporter extends RedactingExporter<ReadableSpan> implements SpanExporter {
  protected recordTime(span: ReadableSpan) {
    return span.endTime;
  }

  protected redactRecord(span: ReadableSpan): ReadableSpan {
    const tally = new RedactionTally();
    const parts = redactSpanParts(span, this.redactor, tally);
    const resource = this.resources.resource(span.resource);
    const instrumentationScope = this.resources.scope(span.instrumentationScope);
    const counters = tally.counters(parts.attributes, this.redactor.isRuleName);
    const unchanged =
      // Stryker disable next-line LogicalOperator: every count comes with a changed part, and every changed part records a count
      !counters &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.name === span.name &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.attributes === span.attributes &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.status === span.status &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.events === span.events &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.links === span.links &&
      // Stryker disable next-line ConditionalExpression: every change to this part records a count, so with no counters it is unchanged
      parts.spanContext === span.spanContext() &&
      resource === span.resource &&
      instrumentationScope === span.instrumentationScope;
    if (unchanged) return span;
    const spanContext = parts.spanContext;
    return {
      name: parts.name,
      kind: span.kind,
      spanContext: () => spanContext,
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status: parts.status,
      attributes: counters ? { ...parts.attributes, ...counters } : parts.attributes,
      links: parts.links,
      events: parts.events,
      duration: span.duration,
      ended: span.ended,
      resource,
      instrumentationScope,
      droppedAttributesCount: span.droppedAttributesCount,
      droppedEventsCount: span.droppedEventsCount,
      droppedLinksCount: span.droppedLinksCount,
    };
  }
}
