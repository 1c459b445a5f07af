import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { exportRedacted } from './export-guard.js';
import { InFlightExports } from './in-flight-exports.js';
import type { Redactor } from './redactor.js';
import { ResourceRedaction } from './resource-redaction.js';
import { redactSpanParts } from './span-redaction.js';
import { RedactionTally } from './tally.js';

/**
 * Wraps any span exporter and hands it redacted copies: name, attributes, status, events, links,
 * resource and scope attributes. The spans the SDK holds are read-only by now, so this is the one
 * seam that reaches everything, whichever processor or instrumentation produced the span.
 */
export class RedactingSpanExporter implements SpanExporter {
  private readonly resources: ResourceRedaction;
  private readonly inFlight = new InFlightExports();

  constructor(
    private readonly exporter: SpanExporter,
    private readonly redactor: Redactor,
  ) {
    this.resources = new ResourceRedaction(redactor);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inFlight.track(
      exportRedacted(
        spans,
        (span) => this.redactSpan(span),
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
    await this.exporter.forceFlush?.();
  }

  private redactSpan(span: ReadableSpan): ReadableSpan {
    const tally = new RedactionTally();
    const parts = redactSpanParts(span, this.redactor, tally);
    const resource = this.resources.resource(span.resource);
    const instrumentationScope = this.resources.scope(span.instrumentationScope);
    const counters = tally.counters(parts.attributes);
    const unchanged =
      !counters &&
      parts.name === span.name &&
      parts.attributes === span.attributes &&
      parts.status === span.status &&
      parts.events === span.events &&
      parts.links === span.links &&
      resource === span.resource &&
      instrumentationScope === span.instrumentationScope;
    if (unchanged) return span;
    const spanContext = span.spanContext();
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
