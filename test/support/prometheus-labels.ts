/**
 * The labels of the series the collector's span_metrics connectors write to Prometheus
 * (collector/config.yaml): the built-in ones Prometheus adds (`job`, `instance`, `le`), the
 * connectors' fixed dimensions, and the bounded span attributes they copy. Proven against the
 * real collector and Prometheus by test/e2e/metrics-through-prometheus.test.ts.
 */
export const SPAN_METRIC_LABELS = [
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
] as const;

/** Labels of the collector's own metrics (scrape job `otelcol`). */
export const COLLECTOR_METRIC_LABELS = [
  'receiver',
  'exporter',
  'processor',
  'transport',
  'data_type',
  'otel_signal',
  'server_address',
  'server_port',
  'url_path',
  'service_instance_id',
  'service_version',
  'otel_scope_name',
  'otel_scope_version',
  'otel_scope_schema_url',
] as const;
