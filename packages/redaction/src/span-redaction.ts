import type { Link, SpanContext, SpanStatus } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace';
import type { Redactor } from './redactor.js';
import type { RedactionTally } from './tally.js';
import { redactSpanContext } from './trace-state-redaction.js';

/** The redacted parts of a span; each is the original object when nothing in it changed. */
export interface RedactedSpanParts {
  readonly name: string;
  readonly attributes: ReadableSpan['attributes'];
  readonly status: SpanStatus;
  readonly events: TimedEvent[];
  readonly links: Link[];
  readonly spanContext: SpanContext;
}

function redactEvents(
  events: TimedEvent[],
  redactor: Redactor,
  tally: RedactionTally,
): TimedEvent[] {
  let out: TimedEvent[] | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as TimedEvent;
    const name = redactor.redactString(event.name, tally);
    const attributes = event.attributes && redactor.redactAttributes(event.attributes, tally);
    const changed = name !== event.name || attributes !== event.attributes;
    if (changed && out === undefined) out = events.slice(0, i);
    if (out) out.push(changed ? { ...event, name, attributes } : event);
  }
  return out ?? events;
}

function redactLinks(links: Link[], redactor: Redactor, tally: RedactionTally): Link[] {
  let out: Link[] | undefined;
  for (let i = 0; i < links.length; i++) {
    const link = links[i] as Link;
    const attributes = link.attributes && redactor.redactAttributes(link.attributes, tally);
    const context = redactSpanContext(link.context, redactor, tally);
    const changed = attributes !== link.attributes || context !== link.context;
    if (changed && out === undefined) out = links.slice(0, i);
    if (out) out.push(changed ? { ...link, context, attributes } : link);
  }
  return out ?? links;
}

/**
 * Every place of a span that can carry text: name, attributes, status message, events, links,
 * trace state; with the content remembered for the span's trace masked as well.
 */
export function redactSpanParts(
  span: ReadableSpan,
  redactor: Redactor,
  tally: RedactionTally,
): RedactedSpanParts {
  const spanContext = span.spanContext();
  return redactor.inTrace(spanContext.traceId, () =>
    redactParts(span, spanContext, redactor, tally),
  );
}

function redactParts(
  span: ReadableSpan,
  spanContext: SpanContext,
  redactor: Redactor,
  tally: RedactionTally,
): RedactedSpanParts {
  const status = span.status;
  const message =
    status.message === undefined ? undefined : redactor.redactString(status.message, tally);
  return {
    name: redactor.redactString(span.name, tally),
    attributes: redactor.redactAttributes(span.attributes, tally),
    status: message === status.message ? status : { ...status, message },
    events: redactEvents(span.events, redactor, tally),
    links: redactLinks(span.links, redactor, tally),
    spanContext: redactSpanContext(spanContext, redactor, tally),
  };
}
