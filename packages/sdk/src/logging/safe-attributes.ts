import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { scrubException } from '@telegraf-otel/instrumentation';
import { contextIdentity, isTelegrafContext } from './telegraf-context.js';

const MAX_DEPTH = 4;
const MAX_KEYS = 64;
const KEY = /^\w[\w.-]{0,127}$/;

function errorAttributes(prefix: string, error: unknown, out: Attributes): void {
  const { name, message, stack } = scrubException(error, undefined);
  out[`${prefix}type`] = name;
  out[`${prefix}message`] = message;
  if (stack) out[`${prefix}stacktrace`] = stack;
}

function isError(value: unknown): boolean {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

function primitive(value: unknown): AttributeValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    default:
      return value instanceof Date ? value.toISOString() : undefined;
  }
}

/**
 * Flattens what the app passes to a logger into attributes, safely: an Error becomes its scrubbed
 * type, message and stack (never its other fields — a TelegramError's payload holds message
 * text); a Telegraf context becomes its update's content-free identity (never the update, which
 * holds personal data, nor the client, which holds the token); binary data, functions and
 * cycles are left out, depth and breadth are bounded. Redaction still runs on export.
 */
export function toSafeAttributes(details: unknown): Attributes {
  const out: Attributes = {};
  if (details === undefined || details === null) return out;
  if (typeof details !== 'object') {
    const value = primitive(details);
    if (value !== undefined) out['log.details'] = value;
    return out;
  }
  try {
    flatten('', details, out, 0, new WeakSet());
  } catch {
    // A throwing getter or a revoked proxy: keep what was read so far, never throw into the app.
  }
  return out;
}

function flatten(
  prefix: string,
  value: object,
  out: Attributes,
  depth: number,
  seen: WeakSet<object>,
): void {
  if (seen.has(value)) return;
  seen.add(value);
  if (isError(value)) {
    errorAttributes(prefix === '' ? 'exception.' : prefix, value, out);
    return;
  }
  if (isTelegrafContext(value)) {
    Object.assign(out, contextIdentity(value));
    return;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || depth >= MAX_DEPTH) return;
  let keys = 0;
  for (const [key, item] of Object.entries(value)) {
    if (++keys > MAX_KEYS) break;
    if (!KEY.test(key)) continue;
    const name = `${prefix}${key}`;
    const simple = primitive(item);
    if (simple !== undefined) out[name] = simple;
    else if (typeof item === 'object' && item !== null)
      flatten(`${name}.`, item, out, depth + 1, seen);
  }
}
