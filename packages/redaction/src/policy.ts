import { defaultSensitiveKeys } from './sensitive-keys.js';
import { defaultValueRules, type ValueRule } from './value-rules.js';

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
  readonly allowedKeys: Readonly<Record<string, RegExp>>;
  /** Matches of value rules that are kept (e.g. a public test card number). */
  readonly allowedValues: readonly RegExp[];
  /** Known secrets registered at start-up (more via `Redactor.addSecret`). */
  readonly secrets: readonly string[];
  readonly limits: RedactionLimits;
}

const PSEUDONYM = /^v[0-9]{1,6}:[0-9a-f]{16}$/;
const TRACE_OR_SPAN_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{16})$/;

export const defaultPolicy: RedactionPolicy = Object.freeze({
  valueRules: defaultValueRules,
  sensitiveKeys: defaultSensitiveKeys,
  allowedKeys: Object.freeze({
    'telegram.user.hash': PSEUDONYM,
    'telegram.chat.hash': PSEUDONYM,
    'telegram.update.id': /^[0-9]{1,20}$/,
    trace_id: TRACE_OR_SPAN_ID,
    span_id: TRACE_OR_SPAN_ID,
    traceId: TRACE_OR_SPAN_ID,
    spanId: TRACE_OR_SPAN_ID,
    'trace.id': TRACE_OR_SPAN_ID,
    'span.id': TRACE_OR_SPAN_ID,
    'redaction.masked.count': /^[0-9]{1,15}$/,
    'redaction.masked.rules': /^[a-z0-9_]{1,64}(?:,[a-z0-9_]{1,64}){0,63}$/,
  }),
  allowedValues: Object.freeze([]),
  secrets: Object.freeze([]),
  limits: Object.freeze({ maxStringLength: 8192, maxDepth: 20, minSecretLength: 6 }),
});

/** Changes to a policy: add, remove and allowlist, each optional. */
export interface PolicyChanges {
  readonly addRules?: readonly ValueRule[];
  /** Names of value rules to drop (every rule of that name). */
  readonly removeRules?: readonly string[];
  readonly addSensitiveKeys?: readonly string[];
  readonly removeSensitiveKeys?: readonly string[];
  readonly allowKeys?: Readonly<Record<string, RegExp>>;
  readonly allowValues?: readonly RegExp[];
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
    secrets: [...base.secrets, ...(changes.secrets ?? [])],
    limits: { ...base.limits, ...changes.limits },
  };
}
