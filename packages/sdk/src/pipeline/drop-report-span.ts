import { SpanKind, type Tracer } from '@opentelemetry/api';
import type { DropReportListener } from './drop-reporter.js';

export const DROP_REPORT_SPAN = 'telegram.telemetry.dropped';
export const ATTR_TELEMETRY_SIGNAL = 'telegram.telemetry.signal';
export const ATTR_TELEMETRY_DROPPED_COUNT = 'telegram.telemetry.dropped_count';

/**
 * Records each drop report as a short root span: the bot emits spans and logs only, and the
 * collector's span metrics turn these into the "telemetry dropped" series the alerts watch. Once
 * the destination is back, the report reaches it even if the records it counts never did.
 */
export function dropReportSpans(tracer: Tracer): DropReportListener {
  return (signal, count, errorTypes) => {
    tracer
      .startSpan(DROP_REPORT_SPAN, {
        kind: SpanKind.INTERNAL,
        root: true,
        attributes: {
          [ATTR_TELEMETRY_SIGNAL]: signal === 'spans' ? 'spans' : 'logs',
          [ATTR_TELEMETRY_DROPPED_COUNT]: count,
          'error.type': errorTypes.join(','),
        },
      })
      .end();
  };
}
