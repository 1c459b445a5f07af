import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { DecodedLogRecord } from './otlp-decode.js';

/**
 * Loki's documented mapping of an OTLP log record (Loki 3.x, "Ingesting logs to Loki using
 * OpenTelemetry Collector" and the structured-metadata docs): resource attributes listed in
 * `distributor.otlp_config.default_resource_attributes_as_index_labels` become index labels,
 * everything else becomes structured metadata — remaining resource attributes, scope name and
 * version, log attributes, and the record's trace_id, span_id, severity_text, severity_number
 * and event_name. Names are normalised like Prometheus labels (dots and other characters that a
 * label cannot hold become `_`; nested maps are flattened with `_`). Loki adds `service_name`
 * (from service.name, else `unknown_service`) and `detected_level` (from severity_number).
 */
export interface LokiEntry {
  labels: Record<string, string>;
  structuredMetadata: Record<string, string>;
}

// The repository's Loki configuration (the same path from src/ and from dist/).
const LOKI_CONFIG = fileURLToPath(new URL('../../../loki/config.yaml', import.meta.url));

/** The resource attributes loki/config.yaml turns into index labels. */
export function configuredIndexAttributes(): string[] {
  const config = parse(readFileSync(LOKI_CONFIG, 'utf8'));
  return config.distributor.otlp_config.default_resource_attributes_as_index_labels;
}

export function normaliseLabelName(name: string): string {
  const replaced = name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(replaced) ? `_${replaced}` : replaced;
}

function flatten(prefix: string, value: unknown, out: Record<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, nested] of Object.entries(value)) flatten(`${prefix}_${key}`, nested, out);
    return;
  }
  out[normaliseLabelName(prefix)] = Array.isArray(value) ? JSON.stringify(value) : String(value);
}

function detectedLevel(severityNumber: number): string | undefined {
  if (severityNumber <= 0) return undefined;
  if (severityNumber <= 4) return 'trace';
  if (severityNumber <= 8) return 'debug';
  if (severityNumber <= 12) return 'info';
  if (severityNumber <= 16) return 'warn';
  if (severityNumber <= 20) return 'error';
  return 'fatal';
}

export function toLokiEntry(
  record: DecodedLogRecord,
  indexAttributes: readonly string[] = configuredIndexAttributes(),
): LokiEntry {
  const labels: Record<string, string> = {};
  const structuredMetadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(record.resource)) {
    if (indexAttributes.includes(key)) labels[normaliseLabelName(key)] = String(value);
    else flatten(key, value, structuredMetadata);
  }
  labels.service_name ??= 'unknown_service';
  if (record.scope) structuredMetadata.scope_name = record.scope;
  for (const [key, value] of Object.entries(record.attributes))
    flatten(key, value, structuredMetadata);
  if (record.traceId) structuredMetadata.trace_id = record.traceId;
  if (record.spanId) structuredMetadata.span_id = record.spanId;
  if (record.severityText) structuredMetadata.severity_text = record.severityText;
  if (record.severityNumber) structuredMetadata.severity_number = String(record.severityNumber);
  if (record.eventName) structuredMetadata.event_name = record.eventName;
  const level = detectedLevel(record.severityNumber);
  if (level) structuredMetadata.detected_level = level;
  return { labels, structuredMetadata };
}
