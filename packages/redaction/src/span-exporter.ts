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
      !counters &&
      parts.name === span.name &&
      parts.attributes === span.attributes &&
      parts.status === span.status &&
      parts.events === span.events &&
      parts.links === span.links &&
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
