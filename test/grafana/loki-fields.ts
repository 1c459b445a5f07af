// The Loki labels and structured-metadata fields a LogQL query may use: what Loki derives from
// the collector's OTLP logs (index labels limited to service, namespace, environment and the
// audit-stream marker; every other attribute as structured metadata with dots turned into
// underscores; `detected_level` derived by Loki). Kept in this one place so it can be swapped
// for the list proven by Loki's mapping of real collector output.

export const lokiIndexLabels = [
  'service_name',
  'service_namespace',
  'deployment_environment_name',
  'telegram_log_stream',
] as const;

export const lokiStructuredMetadata = [
  'event_name',
  'trace_id',
  'span_id',
  'severity_text',
  'severity_number',
  'detected_level',
  'telegram_update_type',
  'telegram_command',
  'telegram_user_hash',
  'telegram_chat_hash',
  'telegram_update_outcome',
  'telegram_update_duration_ms',
  'telegram_api_method',
  'telegram_api_error_code',
  'telegram_api_retry_after',
  'telegram_audit_action',
  'telegram_audit_outcome',
  'error_type',
] as const;
