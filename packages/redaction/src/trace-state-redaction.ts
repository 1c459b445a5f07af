import type { SpanContext, TraceState } from '@opentelemetry/api';
import { TraceState as W3CTraceState } from '@opentelemetry/core';
import type { Redactor } from './redactor.js';
import type { RedactionTally } from './tally.js';

/**
 * A span context whose `traceState` (exported with the span and with each link) is redacted like
 * attributes, key by key; the same object when nothing changed. A vendor entry holding a secret
 * keeps its key with a masked value, or is dropped when the key itself held the secret.
 */
export function redactSpanContext(
  spanContext: SpanContext,
  redactor: Redactor,
  tally: RedactionTally,
): SpanContext {
  const traceState = spanContext.traceState;
  if (traceState === undefined) return spanContext;
  const redacted = redactTraceState(traceState, redactor, tally);
  return redacted === traceState ? spanContext : { ...spanContext, traceState: redacted };
}

function redactTraceState(
  traceState: TraceState,
  redactor: Redactor,
  tally: RedactionTally,
): TraceState | undefined {
  const serialised = traceState.serialize();
  if (serialised === '') return traceState;
  const entries: Record<string, string> = {};
  for (const entry of serialised.split(',')) {
    const at = entry.indexOf('=');
    if (at > 0) entries[entry.slice(0, at)] = entry.slice(at + 1);
  }
  const out = redactor.redactAttributes(entries, tally);
  if (out === entries) return traceState;
  const kept = Object.entries(out)
    .filter(([key, value]) => Object.hasOwn(entries, key) && typeof value === 'string')
    .map(([key, value]) => `${key}=${String(value).replace(/[,=]/g, '_')}`);
  return kept.length === 0 ? undefined : new W3CTraceState(kept.join(','));
}
