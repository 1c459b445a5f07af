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

export const prometheusLabels = [
  'job',
  'instance',
  'le',
  'service_name',
  'deployment_environment_name',
  'span_kind',
  'status_code',
  'telegram_update_type',
  'telegram_update_outcome',
  'telegram_chat_type',
  'telegram_command',
  'telegram_api_method',
  'telegram_api_error_code',
  'telegram_audit_action',
  'telegram_audit_outcome',
  'redaction_masked_rules',
  'telegram_telemetry_signal',
  'receiver',
  'exporter',
];
