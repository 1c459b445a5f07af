import { type ContentRegistryLimits, DEFAULT_CONTENT_LIMITS } from './content-registry.js';
import { defaultSensitiveKeys } from './sensitive-keys.js';
import type { ShapeRule } from './shape-rules.js';
import { defaultSensitiveQueryParams } from './url-query.js';
import { defaultValueRules, type ValueRule } from './value-rules.js';

/**
 * The value an allowlisted key may carry unscanned: its type, and a pattern its text must match
 * in full. A bare RegExp allows any primitive type (strings, numbers, booleans) of that shape.
 */
export interface AllowedShape {
  readonly type: 'string' | 'integer';
  readonly pattern: RegExp;
}

/** Bounds that keep redaction time and output size predictable. */
export interface RedactionLimits {
  /** Longer strings are cut and end with `…[TRUNCATED]` (the result is at most this long). */
  readonly maxStringLength: number;
  /** Nested values deeper than this become `[REDACTED:max_depth]`. */
  readonly maxDepth: number;
  /** Known secrets shorter than this are refused (masking them everywhere would garble output). */
  readonly minSecretLength: number;
}

export interface RedactionPolicy {
  /** Value patterns masked in place, applied in order. */
  readonly valueRules: readonly ValueRule[];
  /** Key fragments (see `normaliseKey`) whose values are replaced whole. */
  readonly sensitiveKeys: readonly string[];
  /**
   * Keys whose value passes untouched when its text fully matches the given shape; any other value
   * under such a key is still scanned (an allowlisted key cannot smuggle a secret).
   */
  readonly allowedKeys: Readonly<Record<string, RegExp | AllowedShape>>;
  /** Matches of value rules that are kept (e.g. a public test card number). */
  readonly allowedValues: readonly RegExp[];
  /**
   * Whole strings that pass unscanned wherever they occur: the span names, event names and log
   * messages an instrumentation writes. Chosen by code, they carry no user content, so a user whose
   * message is exactly one of them does not have it masked; a registered secret never passes.
   */
  readonly allowedTexts: readonly string[];
  /** Known secrets registered at start-up (more via `Redactor.addSecret`). */
  readonly secrets: readonly string[];
  /** Object shapes whose personal fields are replaced by key, at any depth. */
  readonly shapeRules: readonly ShapeRule[];
  /**
   * Query and fragment parameter names (normalised like keys) whose values are masked in URL
   * attributes (`url.full`, `url.query`, `http.url`, `http.target`, `url.original`), in addition to
   * the sensitive keys.
   */
  readonly sensitiveQueryParams: readonly string[];
  readonly limits: RedactionLimits;
  /** Memory bounds of the per-trace content registry (`Redactor.content`). */
  readonly contentLimits: ContentRegistryLimits;
}

const TRACE_OR_SPAN_ID: AllowedShape = {
  type: 'string',
  pattern: /^(?:[0-9a-f]{32}|[0-9a-f]{16})$/,
};

/**
 * Generic defaults: no application's attribute names or object shapes. An integration adds its own
 * (the Telegraf SDK adds its instrumentation's attributes and the Bot API objects) with `extendPolicy`.
 */
export const defaultPolicy: RedactionPolicy = Object.freeze({
  valueRules: defaultValueRules,
  sensitiveKeys: defaultSensitiveKeys,
  allowedKeys: Object.freeze({
    trace_id: TRACE_OR_SPAN_ID,
    span_id: TRACE_OR_SPAN_ID,
    traceId: TRACE_OR_SPAN_ID,
    spanId: TRACE_OR_SPAN_ID,
    'trace.id': TRACE_OR_SPAN_ID,
    'span.id': TRACE_OR_SPAN_ID,
    'redaction.masked.count': { type: 'integer' as const, pattern: /^[0-9]{1,15}$/ },
    // Its value must also name only rules this redactor knows (checked by the redactor).
    'redaction.masked.rules': {
      type: 'string' as const,
      pattern: /^[a-z0-9_]{1,64}(?:,[a-z0-9_]{1,64}){0,63}$/,
    },
  }),
  allowedValues: Object.freeze([]),
  allowedTexts: Object.freeze([]),
  secrets: Object.freeze([]),
  shapeRules: Object.freeze([]),
  sensitiveQueryParams: defaultSensitiveQueryParams,
  limits: Object.freeze({ maxStringLength: 8192, maxDepth: 20, minSecretLength: 6 }),
  contentLimits: DEFAULT_CONTENT_LIMITS,
});

/** Changes to a policy: add, remove and allowlist, each optional. */
export interface PolicyChanges {
  readonly addRules?: readonly ValueRule[];
  /** Names of value rules to drop (every rule of that name). */
  readonly removeRules?: readonly string[];
  readonly addSensitiveKeys?: readonly string[];
  readonly removeSensitiveKeys?: readonly string[];
  readonly allowKeys?: Readonly<Record<string, RegExp | AllowedShape>>;
  readonly addShapeRules?: readonly ShapeRule[];
  readonly allowValues?: readonly RegExp[];
  readonly allowTexts?: readonly string[];
  readonly secrets?: readonly string[];
  readonly limits?: Partial<RedactionLimits>;
}

/** A new policy from `base` with `changes` applied; `base` is left as it is. */
export function extendPolicy(base: RedactionPolicy, changes: PolicyChanges): RedactionPolicy {
  const removedRules = new Set(changes.removeRules ?? []);
  const removedKeys = new Set(changes.removeSensitiveKeys ?? []);
  return {
    valueRules: [
      ...base.valueRules.filter((rule) => !removedRules.has(rule.name)),
      ...(changes.addRules ?? []),
    ],
    sensitiveKeys: [
      ...base.sensitiveKeys.filter((key) => !removedKeys.has(key)),
      ...(changes.addSensitiveKeys ?? []),
    ],
    allowedKeys: { ...base.allowedKeys, ...changes.allowKeys },
    allowedValues: [...base.allowedValues, ...(changes.allowValues ?? [])],
    allowedTexts: [...base.allowedTexts, ...(changes.allowTexts ?? [])],
    secrets: [...base.secrets, ...(changes.secrets ?? [])],
    shapeRules: [...base.shapeRules, ...(changes.addShapeRules ?? [])],
    sensitiveQueryParams: base.sensitiveQueryParams,
    limits: { ...base.limits, ...changes.limits },
    contentLimits: base.contentLimits,
  };
}
