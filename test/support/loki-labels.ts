/**
 * What Grafana's LogQL may select on: the index labels and structured-metadata names that Loki's
 * documented OTLP mapping (@telegraf-otel/test-utils/loki-mapping) derives from real collector
 * output. The end-to-end test test/e2e/metrics-through-prometheus.test.ts proves every name below is present
 * in the mapping of records a real bot sent through the real collector.
 */
export const LOKI_INDEX_LABELS = [
  'service_name',
  'deployment_environment_name',
  'telegram_log_stream',
] as const;

/** Index labels Loki's configuration allows but the test bots do not set. */
export const LOKI_OPTIONAL_INDEX_LABELS = ['service_namespace'] as const;

export const LOKI_STRUCTURED_METADATA = [
  'event_name',
  'trace_id',
  'span_id',
  'severity_text',
  'severity_number',
  'detected_level',
  'scope_name',
  'telegram_update_type',
  'telegram_update_outcome',
  'telegram_update_duration_ms',
  'telegram_chat_type',
  'telegram_command',
  'telegram_user_hash',
  'telegram_chat_hash',
  'telegram_api_method',
  'telegram_api_error_code',
  'telegram_api_retry_after',
  'telegram_audit_action',
  'telegram_audit_outcome',
  'redaction_masked_count',
  'redaction_masked_rules',
] as const;
