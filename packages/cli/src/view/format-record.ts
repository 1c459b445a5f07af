import { styleText } from 'node:util';
import type { ViewRecord } from './telemetry-records.js';

type Style = Parameters<typeof styleText>[0];

const MAX_VALUE_LENGTH = 120;
/** Attributes every record of a kind carries; the line shows them in its fixed columns instead. */
const SHOWN_ELSEWHERE = new Set(['telegram.update.duration_ms']);

function severityStyle(record: ViewRecord): Style {
  if (record.severity >= 17) return 'red';
  if (record.severity >= 13) return 'yellow';
  return record.kind === 'span' ? 'cyan' : 'green';
}

function compact(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function timestamp(millis: number): string {
  return new Date(millis).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * One line per record: time, severity (or SPAN), name, trace id prefix, then the body or the
 * span's duration and status, then the attributes as `key=value`.
 */
export function formatRecord(record: ViewRecord, colour: boolean): string {
  // The caller decides (a terminal, NO_COLOR): styleText must not second-guess it.
  const paint = (style: Style, text: string): string =>
    colour ? styleText(style, text, { validateStream: false }) : text;
  const parts = [
    paint('dim', timestamp(record.time)),
    paint(severityStyle(record), record.severityText.padEnd(5)),
    paint('bold', record.name),
  ];
  if (record.traceId) parts.push(paint('dim', `trace=${record.traceId.slice(0, 8)}`));
  if (record.kind === 'span') {
    parts.push(`${(record.durationMillis ?? 0).toFixed(1)}ms`);
    if (record.statusMessage) parts.push(paint('red', `error=${compact(record.statusMessage)}`));
  } else if (record.body !== undefined) {
    parts.push(JSON.stringify(compact(record.body)));
  }
  for (const [key, value] of Object.entries(record.attributes)) {
    if (!SHOWN_ELSEWHERE.has(key)) parts.push(`${paint('dim', `${key}=`)}${compact(value)}`);
  }
  return parts.join(' ');
}
