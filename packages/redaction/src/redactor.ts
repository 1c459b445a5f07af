import { type Attributes, diag } from '@opentelemetry/api';
import { KnownSecrets } from './known-secrets.js';
import { ENGINE_RULES, marker, TRUNCATION_MARKER } from './markers.js';
import { defaultPolicy, type RedactionPolicy } from './policy.js';
import { compileSensitiveKeys, normaliseKey } from './sensitive-keys.js';
import { RedactionTally } from './tally.js';

export interface Redactor {
  /** Registers a known secret, masked from now on in plain, URL-encoded, JSON-escaped and base64 forms. */
  addSecret(value: string): void;
  /** The string with every secret and pattern masked, cut to the maximum length. Never throws. */
  redactString(value: string, tally?: RedactionTally): string;
  /** A redacted copy of any value (nested maps and arrays too); returns the input when nothing changed. */
  redactValue(value: unknown, tally?: RedactionTally): unknown;
  /** Redacted attributes (copy on write: the same object when nothing changed). */
  redactAttributes(attributes: Attributes, tally?: RedactionTally): Attributes;
  /** Bumped whenever a secret is registered, so callers can invalidate cached redactions. */
  readonly generation: number;
}

interface CompiledRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly marker: string;
  readonly validate: ((candidate: string) => boolean) | undefined;
  readonly trigger: RegExp | undefined;
}

interface KeyVerdict {
  /** The key as exported (itself redacted when it held a secret). */
  readonly key: string;
  readonly sensitive: boolean;
  /** Shape under which the value passes unscanned (allowlisted keys only). */
  readonly allowedShape: RegExp | undefined;
}

// Extra characters scanned past the cut so that a secret straddling it is still recognised.
const SCAN_MARGIN = 256;
const KEY_CACHE_LIMIT = 4096;
// Short clean strings repeat across records ("message", "private", "handled"): remembering that
// they need nothing saves the scan. Only clean results are kept; once full the set stops growing
// (no churn when values never repeat), and it is dropped whenever a secret is registered.
const CLEAN_CACHE_MAX_LENGTH = 64;
const CLEAN_CACHE_LIMIT = 4096;
const MARKER_PATTERN = /\[REDACTED:[a-z0-9_]+\]/g;

const SENSITIVE_MARKER = marker(ENGINE_RULES.sensitiveKey);
const ERROR_MARKER = marker(ENGINE_RULES.ruleError);
const UNREADABLE_MARKER = marker(ENGINE_RULES.unreadable);
const CYCLE_MARKER = marker(ENGINE_RULES.cycle);
const DEPTH_MARKER = marker(ENGINE_RULES.maxDepth);
const SECRET_MARKER = marker(ENGINE_RULES.knownSecret);

function withFlags(pattern: RegExp, add: string, remove = ''): RegExp {
  const flags = [...new Set(pattern.flags + add)].filter((f) => !remove.includes(f)).join('');
  return new RegExp(pattern.source, flags);
}

/**
 * One scan that any mask needs to pass first, so clean strings cost one pass instead of one per
 * rule: the union of the known-secret forms and of the rules' triggers (a rule without one brings
 * its whole pattern), case-insensitive and multi-line (those flags only widen it). Rules using
 * `u`/`v` syntax cannot be merged safely; then every rule always runs.
 */
export function compilePrefilter(
  rules: readonly { readonly pattern: RegExp; readonly trigger?: RegExp | undefined }[],
  knownSecrets?: RegExp,
): RegExp | undefined {
  const sources = rules.map((r) => r.trigger ?? r.pattern);
  if (knownSecrets) sources.push(knownSecrets);
  if (sources.length === 0 || sources.some((re) => /[uv]/.test(re.flags))) return undefined;
  const union = sources.map((re) => `(?:${re.source.replace(/\(\?<[A-Za-z_]\w*>/g, '(?:')})`);
  return new RegExp(union.join('|'), 'ims');
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // A data key named `__proto__` must stay a key, not become the prototype.
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

export function createRedactor(policy: RedactionPolicy = defaultPolicy): Redactor {
  const { maxStringLength, maxDepth, minSecretLength } = policy.limits;
  const rules: CompiledRule[] = policy.valueRules.map((rule) => ({
    name: rule.name,
    pattern: withFlags(rule.pattern, 'g', 'y'),
    marker: marker(rule.name),
    validate: rule.validate,
    trigger: rule.trigger && withFlags(rule.trigger, '', 'gy'),
  }));
  let prefilter = compilePrefilter(rules);
  const sensitiveKeys = compileSensitiveKeys(policy.sensitiveKeys);
  const allowedValues = policy.allowedValues.map((re) => withFlags(re, '', 'gy'));
  const allowedKeys = new Map(
    Object.entries(policy.allowedKeys).map(([key, shape]) => [key, withFlags(shape, '', 'gy')]),
  );
  const secrets = new KnownSecrets(minSecretLength);
  const keyCache = new Map<string, KeyVerdict>();
  const cleanStrings = new Set<string>();
  const rememberClean = (value: string): void => {
    if (cleanStrings.size < CLEAN_CACHE_LIMIT) cleanStrings.add(value);
  };
  const cutLength = Math.max(0, maxStringLength - TRUNCATION_MARKER.length);
  let generation = 0;

  const isAllowedValue = (candidate: string): boolean =>
    allowedValues.some((re) => {
      const m = re.exec(candidate);
      return m !== null && m.index === 0 && m[0].length === candidate.length;
    });

  function applyRule(rule: CompiledRule, text: string, tally: RedactionTally): string {
    const pattern = rule.pattern;
    pattern.lastIndex = 0;
    let out = '';
    let done = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      const keep = m.groups?.keep ?? '';
      const candidate = m[0].slice(keep.length);
      const rejected =
        (rule.validate !== undefined && !rule.validate(candidate)) ||
        (allowedValues.length > 0 && isAllowedValue(candidate));
      if (rejected || m[0].length === 0) {
        // A vetoed candidate may hide a real one that starts inside it ("0 4111…"): look again
        // one character further instead of skipping the whole candidate.
        pattern.lastIndex = m.index + 1;
        continue;
      }
      tally.record(rule.name);
      out += text.slice(done, m.index) + keep + rule.marker;
      done = m.index + m[0].length;
    }
    return done === 0 ? text : out + text.slice(done);
  }

  function scan(text: string, tally: RedactionTally): string {
    let out = text;
    if (prefilter === undefined || prefilter.test(text)) {
      const known = secrets.pattern;
      if (known) {
        out = out.replace(known, () => {
          tally.record(ENGINE_RULES.knownSecret);
          return SECRET_MARKER;
        });
      }
      for (const rule of rules) {
        if (rule.trigger === undefined || rule.trigger.test(out)) out = applyRule(rule, out, tally);
      }
    }
    // Outside the prefilter: a secret cut short matches none of the whole forms it is built from.
    const cut = secrets.cutSecretAt(out);
    if (cut < 0) return out;
    tally.record(ENGINE_RULES.knownSecret);
    return out.slice(0, cut) + SECRET_MARKER;
  }

  function redactString(value: string, tally: RedactionTally = new RedactionTally()): string {
    if (value.length === 0) return value;
    try {
      const cacheable = value.length <= CLEAN_CACHE_MAX_LENGTH;
      if (cacheable && cleanStrings.has(value)) return value;
      if (value.length <= maxStringLength) {
        const out = scan(value, tally);
        if (cacheable && out === value) rememberClean(value);
        if (out.length <= maxStringLength) return out;
      }
      const window =
        value.length > maxStringLength + SCAN_MARGIN
          ? value.slice(0, maxStringLength + SCAN_MARGIN)
          : value;
      const scanned = scan(window, tally);
      // Drop as many trailing characters as the window had past the cut: a partial secret at the
      // window's edge (unmatched, so unchanged) is always inside what is dropped.
      let keep = Math.min(cutLength, scanned.length - (window.length - cutLength));
      if (keep > 0 && /[\uD800-\uDBFF]/.test(scanned.charAt(keep - 1))) keep--;
      tally.record(ENGINE_RULES.maxLength);
      return scan(scanned.slice(0, Math.max(0, keep)), tally) + TRUNCATION_MARKER;
    } catch (error) {
      diag.warn('redaction: a rule failed, value dropped', (error as Error)?.name);
      tally.record(ENGINE_RULES.ruleError);
      return ERROR_MARKER;
    }
  }

  function keyVerdict(key: string, tally: RedactionTally): KeyVerdict {
    const cached = keyCache.get(key);
    if (cached) return cached;
    const allowedShape = allowedKeys.get(key);
    const probe = new RedactionTally();
    const safeKey = redactString(key, probe);
    // Judged on the exported key without its markers, so a second pass reaches the same verdict.
    const sensitive =
      allowedShape === undefined &&
      sensitiveKeys !== undefined &&
      sensitiveKeys.test(normaliseKey(safeKey.replace(MARKER_PATTERN, '')));
    const verdict: KeyVerdict = { key: safeKey, sensitive, allowedShape };
    if (probe.count === 0) {
      if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
      keyCache.set(key, verdict);
    } else {
      // Keys holding secrets are rare and are never cached, so each record counts its own mask.
      for (const rule of probe.ruleNames()) tally.record(rule);
    }
    return verdict;
  }

  function redactNumber(value: number, tally: RedactionTally): unknown {
    // Only integers long enough to be a card number can match a value rule.
    if (!Number.isInteger(value) || Math.abs(value) < 1e12) return value;
    const text = String(value);
    const out = redactString(text, tally);
    return out === text ? value : out;
  }

  function redactBytes(value: ArrayBufferView, tally: RedactionTally): unknown {
    const limit = (maxStringLength + SCAN_MARGIN) * 4;
    const bytes = Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, limit));
    const text = bytes.toString('utf8');
    const out = redactString(text, tally);
    return out === text && value.byteLength <= limit ? value : out;
  }

  function redactEntries(
    source: object,
    keys: readonly string[],
    values: readonly unknown[],
    tally: RedactionTally,
    depth: number,
    ancestors: object[],
    forceCopy: boolean,
  ): unknown {
    let out: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const child = values[i];
      const verdict = keyVerdict(key, tally);
      let redacted: unknown;
      if (verdict.sensitive) {
        if (child === undefined || child === null || child === SENSITIVE_MARKER) redacted = child;
        else {
          tally.record(ENGINE_RULES.sensitiveKey);
          redacted = SENSITIVE_MARKER;
        }
      } else if (
        verdict.allowedShape !== undefined &&
        (typeof child === 'string' || typeof child === 'number' || typeof child === 'boolean') &&
        verdict.allowedShape.test(String(child))
      ) {
        redacted = child;
      } else {
        redacted = redactAny(child, tally, depth + 1, ancestors);
      }
      if (out === undefined && (forceCopy || redacted !== child || verdict.key !== key)) {
        out = {};
        // Entries before the first change kept both key and value.
        for (let j = 0; j < i; j++) setOwn(out, keys[j] as string, values[j]);
      }
      if (out !== undefined) setOwn(out, verdict.key, redacted);
    }
    return out ?? source;
  }

  function redactObject(
    value: object,
    tally: RedactionTally,
    depth: number,
    ancestors: object[],
  ): unknown {
    let keys: string[];
    const values: unknown[] = [];
    let forceCopy = false;
    if (value instanceof Map) {
      keys = [];
      for (const [k, v] of value) {
        keys.push(String(k));
        values.push(v);
      }
      forceCopy = true;
    } else {
      keys = Object.keys(value);
      for (const key of keys) {
        try {
          values.push((value as Record<string, unknown>)[key]);
        } catch {
          tally.record(ENGINE_RULES.unreadable);
          values.push(UNREADABLE_MARKER);
          forceCopy = true;
        }
      }
      if (value instanceof Error) {
        // Message and stack are not enumerable; copy them so no exporter prints the raw error.
        keys.push('name', 'message', 'stack');
        values.push(value.name, value.message, value.stack);
        forceCopy = true;
      }
    }
    return redactEntries(value, keys, values, tally, depth, ancestors, forceCopy);
  }

  function redactArray(
    value: readonly unknown[],
    tally: RedactionTally,
    depth: number,
    ancestors: object[],
  ): unknown {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const child = value[i];
      const redacted = redactAny(child, tally, depth + 1, ancestors);
      if (out === undefined && redacted !== child) out = value.slice(0, i);
      if (out !== undefined) out.push(redacted);
    }
    return out ?? value;
  }

  function redactAny(
    value: unknown,
    tally: RedactionTally,
    depth: number,
    ancestors: object[],
  ): unknown {
    try {
      switch (typeof value) {
        case 'string':
          return redactString(value, tally);
        case 'number':
          return redactNumber(value, tally);
        case 'bigint': {
          const text = value.toString();
          const out = redactString(text, tally);
          return out === text ? value : out;
        }
        case 'object':
          break;
        default:
          return value;
      }
      if (value === null) return value;
      if (ArrayBuffer.isView(value)) return redactBytes(value, tally);
      if (depth >= maxDepth) {
        tally.record(ENGINE_RULES.maxDepth);
        return DEPTH_MARKER;
      }
      if (ancestors.includes(value)) {
        tally.record(ENGINE_RULES.cycle);
        return CYCLE_MARKER;
      }
      ancestors.push(value);
      try {
        if (Array.isArray(value)) return redactArray(value, tally, depth, ancestors);
        if (value instanceof Set) return redactArray([...value], tally, depth, ancestors);
        return redactObject(value, tally, depth, ancestors);
      } finally {
        ancestors.pop();
      }
    } catch (error) {
      // Proxies, exotic objects: whatever cannot be read safely is dropped, never passed raw.
      diag.warn('redaction: value could not be redacted and was dropped', (error as Error)?.name);
      tally.record(ENGINE_RULES.ruleError);
      return ERROR_MARKER;
    }
  }

  const redactor: Redactor = {
    addSecret(value: string): void {
      if (!secrets.add(value)) {
        diag.warn(
          `redaction: a secret shorter than ${minSecretLength} characters was not registered`,
        );
        return;
      }
      generation++;
      prefilter = compilePrefilter(rules, secrets.pattern);
      keyCache.clear();
      cleanStrings.clear();
    },
    redactString,
    redactValue: (value, tally = new RedactionTally()) => redactAny(value, tally, 0, []),
    redactAttributes: (attributes, tally = new RedactionTally()) => {
      const out = redactAny(attributes, tally, 0, []);
      return typeof out === 'object' && out !== null ? (out as Attributes) : {};
    },
    get generation() {
      return generation;
    },
  };
  for (const secret of policy.secrets) redactor.addSecret(secret);
  return redactor;
}
