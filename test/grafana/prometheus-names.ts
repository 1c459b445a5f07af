import { SPAN_METRIC_LABELS } from '../support/prometheus-labels.js';

// The series names and labels the collector produces in Prometheus (its span_metrics connectors,
// and its own metrics scraped as job "otelcol"). A query naming anything else would return
// nothing in production.

const collectorSignals = ['spans', 'log_records', 'metric_points'];
const collectorCounters = [
  'receiver_accepted',
  'receiver_refused',
  'exporter_sent',
  'exporter_send_failed',
  'exporter_enqueue_failed',
];

export const prometheusMetrics = [
  'telegram_spans_calls_total',
  'telegram_spans_duration_milliseconds_bucket',
  'telegram_spans_duration_milliseconds_sum',
  'telegram_spans_duration_milliseconds_count',
  'telegram_redacted_spans_calls_total',
  ...collectorCounters.flatMap((counter) =>
    // The collector's own counters have no `_total` suffix.
    collectorSignals.map((signal) => `otelcol_${counter}_${signal}`),
  ),
  'otelcol_exporter_queue_size',
  'otelcol_exporter_queue_capacity',
];

export const prometheusLabels = [...SPAN_METRIC_LABELS, 'receiver', 'exporter'];
