// PromQL building blocks over the metrics the collector derives from the bots' spans
// (collector/config.yaml, span_metrics connectors): calls and latency of update, Bot API, audit
// and drop-report spans, and the spans redaction had to mask, by the rules that fired.

/** The labels every alert instance and per-bot panel is split by. */
export const perBot = 'service_name, deployment_environment_name';

export const spanCalls = 'telegram_spans_calls_total';
export const spanDurationBuckets = 'telegram_spans_duration_milliseconds_bucket';
export const redactedSpans = 'telegram_redacted_spans_calls_total';

/** A selector with the given matchers, e.g. selector(spanCalls, 'span_kind="SPAN_KIND_CLIENT"'). */
export function selector(metric: string, ...matchers: string[]): string {
  return matchers.length === 0 ? metric : `${metric}{${matchers.join(', ')}}`;
}

export const updateSpans = 'span_kind="SPAN_KIND_CONSUMER"';
/** Bot API call spans (other CLIENT spans, e.g. of an HTTP instrumentation, have no method). */
export const botApiSpans = 'span_kind="SPAN_KIND_CLIENT", telegram_api_method!=""';
/** `telegram.audit <action>` spans. */
export const auditSpans = 'telegram_audit_action!=""';
/** `telegram.telemetry.dropped` spans: one per SDK report of dropped spans or log records. */
export const dropReportSpans = 'telegram_telemetry_signal!=""';
/**
 * Redacted spans in which a secret-class rule fired: a credential some code tried to export.
 * `redaction_masked_rules` is the comma-joined sorted list of the rules that fired.
 */
export const secretRules = `redaction_masked_rules=~"(.*,)?(${[
  'known_secret',
  'sensitive_key',
  'telegram_token',
  'bearer_token',
  'authorization',
  'cookie',
  'api_key',
  'secret_assignment',
  'jwt',
  'pem_private_key',
  'url_credentials',
  'secret_query_param',
].join('|')})(,.*)?"`;
export const failedUpdates = 'telegram_update_outcome=~"error|timeout"';
export const apiErrorCode = (code: number): string => `telegram_api_error_code="${code}"`;

/** The collector's own metrics, scraped by Prometheus. */
export const collectorJob = 'job="otelcol"';

/**
 * A counter of the collector's own metrics (scrape job "otelcol") for one signal, e.g.
 * collectorCounter('exporter_sent', 'spans'). They carry no `_total` suffix.
 */
export function collectorCounter(name: string, signal: string): string {
  return selector(`otelcol_${name}_${signal}`, collectorJob);
}

/** Dashboard variables, multi-valued with `.+` for "All". */
export const dashboardFilter = [
  'service_name=~"$service"',
  'deployment_environment_name=~"$environment"',
];

/**
 * How much a counter grew within `window`, counting a series born inside the window in full.
 * A counter series appears with its first value already counted (the first 401 shows up as 1),
 * and `increase()` alone never sees that first step; `unless … offset` picks those series.
 */
export function recentCount(series: string, window: string): string {
  return `((${series} unless ${series} offset ${window}) or increase(${series}[${window}]))`;
}

/**
 * `expr`, or 0 for every series of `baseline` that `expr` lacks: events that did not happen show
 * as 0 rather than as "no data" (both must aggregate by the same labels).
 */
export function orZero(expr: string, baseline: string): string {
  return `((${expr}) or (${baseline}) * 0)`;
}
