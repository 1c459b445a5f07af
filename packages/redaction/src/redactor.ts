import { type Attributes, diag } from '@opentelemetry/api';
import { decodeBytes } from './byte-text.js';
import { CONTENT_RULE, type ContentMatcher } from './content-matcher.js';
import { ContentRegistry } from './content-registry.js';
import { foldedReading } from './folded-text.js';
import { KnownSecrets } from './known-secrets.js';
import { ENGINE_RULES, marker, TRUNCATION_MARKER } from './markers.js';
import { type AllowedShape, defaultPolicy, type RedactionPolicy } from './policy.js';
import { compileSensitiveKeys, normaliseKey } from './sensitive-keys.js';
import { compileShapeRules, PERSONAL_FIELD_RULE } from './shape-matcher.js';
import { MASKED_RULES, RedactionTally } from './tally.js';
import { maskQueryParams, QUERY_PARAM_RULE, URL_KEYS } from './url-query.js';

export interface Redactor {
  /** Registers a known secret, masked from now on in plain, URL-encoded, JSON-escaped and base64 forms. */
  addSecret(value: string): void;
  /** The string with every secret and pattern masked, cut to the maximum length. Never throws. */
  redactString(value: string, tally?: RedactionTally): string;
  /** A redacted copy of any value (nested maps and arrays too); returns the input when nothing changed. */
  redactValue(value: unknown, tally?: RedactionTally): unknown;
  /**
   * A redacted snapshot that shares no object or array with the input: for values the app still
   * holds (log bodies), whose getters or later changes could differ from what was redacted.
   */
  snapshotValue(value: unknown, tally?: RedactionTally): unknown;
  /** Redacted attributes (copy on write: the same object when nothing changed). */
  redactAttributes(attributes: Attributes, tally?: RedactionTally): Attributes;
  /**
   * Runs `work` with the values remembered for `traceId` (see `content`) masked as well, in
   * whatever `work` redacts. Redaction is synchronous, so nothing else runs in between.
   */
  inTrace<T>(traceId: string | undefined, work: () => T): T;
  /** Values to mask within one trace, remembered by whatever saw them come in (per-trace content). */
  readonly content: ContentRegistry;
  /**
   * Adds a place secrets may appear later (e.g. an environment variable set after start-up):
   * `read` is polled before each export, and what it returns is registered like `addSecret`.
   */
  addSecretSource(read: () => Iterable<string | undefined>): void;
  /** Polls the secret sources now (the exporter wrappers do this before each export). */
  pollSecretSources(): void;
  /** Whether `name` is a rule this redactor can report in `redaction.masked.rules`. */
  isRuleName(name: string): boolean;
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
  /** Type and shape under which the value passes unscanned (allowlisted keys only). */
  readonly allowed: CompiledShape | undefined;
  /** For URL attributes: the separator the value lacks ('' for a whole URL). */
  readonly urlPrefix: string | undefined;
  /** The key is the first required key of a shape rule. */
  readonly shapeTrigger: boolean;
}

interface CompiledShape {
  readonly type: AllowedShape['type'] | 'primitive';
  readonly pattern: RegExp;
  readonly ruleList: boolean;
  /** Texts that passed (the same few words recur in every record); emptied with the clean cache. */
  readonly passed: Set<string>;
  /** The last number that passed (a span and its log record carry the same id and duration). */
  lastNumber: number | undefined;
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
// `\k<name>` or `\1`: may also match an escaped backslash before a digit, which only costs speed.
const BACKREFERENCE = /\\(?:k<|[1-9])/;

const SENSITIVE_MARKER = marker(ENGINE_RULES.sensitiveKey);
const ERROR_MARKER = marker(ENGINE_RULES.ruleError);
const UNREADABLE_MARKER = marker(ENGINE_RULES.unreadable);
const CYCLE_MARKER = marker(ENGINE_RULES.cycle);
const DEPTH_MARKER = marker(ENGINE_RULES.maxDepth);
const SECRET_MARKER = marker(ENGINE_RULES.knownSecret);
const PERSONAL_MARKER = marker(PERSONAL_FIELD_RULE);
const CONTENT_MARKER = marker(CONTENT_RULE);
const UNEXPECTED_MARKER = marker(ENGINE_RULES.unexpectedShape);

// Stryker disable next-line StringLiteral: every call passes the flags to remove
function withFlags(pattern: RegExp, add: string, remove = ''): RegExp {
  const flags = [...new Set(pattern.flags + add)].filter((f) => !remove.includes(f)).join('');
  return new RegExp(pattern.source, flags);
}

/**
 * One scan that any mask needs to pass first, so clean strings cost one pass instead of one per
 * rule: the union of the known-secret forms and of the rules' triggers (a rule without one brings
 * its whole pattern), case-insensitive and multi-line (those flags only widen it). Rules using
 * `u`/`v` syntax or backreferences (their groups are renamed or renumbered in the union) cannot be
 * merged safely; then every rule always runs.
 */
// Stryker disable BlockStatement: without a prefilter every rule runs, which masks the same
export function compilePrefilter(
  rules: readonly { readonly pattern: RegExp; readonly trigger?: RegExp | undefined }[],
  knownSecrets?: RegExp,
): RegExp | undefined {
  const sources = rules.map((r) => r.trigger ?? r.pattern);
  if (knownSecrets) sources.push(knownSecrets);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,Regex: without a prefilter (or with one that always matches) every rule runs, which masks the same
  if (sources.length === 0 || sources.some((re) => /[uv]/.test(re.flags))) return undefined;
  // Stryker disable next-line ConditionalExpression: without a prefilter every rule runs, which masks the same
  if (sources.some((re) => BACKREFERENCE.test(re.source))) return undefined;
  // Stryker disable next-line ArrowFunction,StringLiteral: a union emptied of its sources matches every text: every rule runs, which masks the same
  const union = sources.map((re) => `(?:${re.source.replace(/\(\?<[A-Za-z_]\w*>/g, '(?:')})`);
  return new RegExp(union.join('|'), 'ims');
}
// Stryker restore BlockStatement

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // A data key named `__proto__` must stay a key, not become the prototype.
  // Stryker disable next-line ConditionalExpression: defining any other key as an enumerable, writable, configurable value is the same as assigning it
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
  const allowedKeys = new Map<string, CompiledShape>(
    Object.entries(policy.allowedKeys).map(([key, shape]) => [
      key,
      shape instanceof RegExp
        ? {
            type: 'primitive',
            pattern: withFlags(shape, '', 'gy'),
            ruleList: false,
            passed: new Set(),
            lastNumber: undefined,
          }
        : {
            type: shape.type,
            pattern: withFlags(shape.pattern, '', 'gy'),
            ruleList: key === MASKED_RULES,
            passed: new Set(),
            lastNumber: undefined,
          },
    ]),
  );
  const ruleNames = new Set<string>([
    ...rules.map((rule) => rule.name),
    ...Object.values(ENGINE_RULES),
    CONTENT_RULE,
    PERSONAL_FIELD_RULE,
    QUERY_PARAM_RULE,
  ]);
  const isRuleName = (name: string): boolean => ruleNames.has(name);
  const shapes = compileShapeRules(policy.shapeRules);
  const queryParams = new Set(policy.sensitiveQueryParams.map(normaliseKey));
  const isSensitiveParam = (name: string): boolean =>
    queryParams.has(name) || (sensitiveKeys?.test(name) ?? false);
  const content = new ContentRegistry(policy.contentLimits);
  // The trace being redacted (set by `inTrace`). Its values are compiled on first use (null: not
  // yet), so a record whose texts are all allowlisted costs no compilation.
  let traceId: string | undefined;
  let traceMatcher: ContentMatcher | undefined | null;
  const traceContent = (): ContentMatcher | undefined => {
    // Stryker disable next-line ConditionalExpression: looking the trace up again returns the same (cached) matcher
    if (traceMatcher === null) traceMatcher = content.matcher(traceId);
    return traceMatcher;
  };
  const allowedTexts = new Set(policy.allowedTexts);
  // Set by `snapshotValue`: copy every object and array, even when nothing in it changed.
  let snapshot = false;
  const secrets = new KnownSecrets(minSecretLength);
  const keyCache = new Map<string, KeyVerdict>();
  const cleanStrings = new Set<string>();
  // Stryker disable next-line BlockStatement: a clean string not remembered is scanned again, to the same text
  const rememberClean = (value: string): void => {
    // Stryker disable next-line all: a cache bound: how many clean strings are kept changes speed and memory, not output
    if (cleanStrings.size < CLEAN_CACHE_LIMIT) cleanStrings.add(value);
  };
  const cutLength = Math.max(0, maxStringLength - TRUNCATION_MARKER.length);
  let generation = 0;

  const isAllowedValue = (candidate: string): boolean =>
    allowedValues.some((re) => {
      const m = re.exec(candidate);
      // Stryker disable next-line ConditionalExpression: a match as long as the candidate can only start at its beginning
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
        // Stryker disable next-line ConditionalExpression,EqualityOperator: with no allowed values none matches anyway
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
    // Stryker disable next-line ConditionalExpression: with nothing masked out is empty and out + text.slice(0) is text
    return done === 0 ? text : out + text.slice(done);
  }

  /**
   * `text` scanned as written and, when look-alike characters make it read differently (full-width
   * or other-script digits, invisible characters, character references), as read: if that reading
   * needs masking, the masked reading is what is exported.
   */
  function scan(text: string, tally: RedactionTally): string {
    const out = scanAsWritten(text, tally);
    const folded = foldedReading(out);
    if (folded === undefined) return out;
    const foldedTally = new RedactionTally();
    const masked = scanAsWritten(folded, foldedTally);
    if (masked === folded) return out;
    tally.add(foldedTally);
    return masked;
  }

  function scanAsWritten(text: string, tally: RedactionTally): string {
    const matcher = traceContent();
    let out = matcher ? matcher.maskText(text, tally) : text;
    // The prefilter holds the start of every secret form and the invisible characters: when it
    // fails, no cut or hidden secret is there either.
    // Stryker disable next-line ConditionalExpression: the prefilter is a necessary condition of every mask, so scanning anyway changes nothing
    const suspect = prefilter === undefined || prefilter.test(out);
    // Stryker disable next-line ConditionalExpression: the prefilter matches every invisible character, so checking for them anyway finds none more
    if (suspect && secrets.hasInvisible(out)) out = secrets.maskThroughInvisible(out, tally);
    // Stryker disable next-line ConditionalExpression: the prefilter is a necessary condition of every mask, so scanning anyway changes nothing
    if (suspect) {
      const known = secrets.pattern;
      if (known) {
        out = out.replace(known, () => {
          tally.record(ENGINE_RULES.knownSecret);
          return SECRET_MARKER;
        });
        if (secrets.mayHoldSplit(out)) out = secrets.maskThroughWhitespace(out, tally);
      }
      for (const rule of rules) {
        // Stryker disable next-line ConditionalExpression: a trigger is a necessary condition of its rule, so applying the rule anyway changes nothing
        if (rule.trigger === undefined || rule.trigger.test(out)) out = applyRule(rule, out, tally);
      }
    }
    // Outside the prefilter: a secret cut short matches none of the whole forms it is built from,
    // neither does the rest of one split across two values.
    const tail = secrets.secretTailLength(out);
    if (tail > 0) {
      tally.record(ENGINE_RULES.knownSecret);
      out = SECRET_MARKER + out.slice(tail);
    }
    const cut = suspect ? secrets.cutSecretAt(out) : -1;
    if (cut < 0) return out;
    tally.record(ENGINE_RULES.knownSecret);
    return out.slice(0, cut) + SECRET_MARKER;
  }

  function redactString(value: string, tally: RedactionTally = new RedactionTally()): string {
    // Stryker disable next-line ConditionalExpression: an empty string scans to itself
    if (value.length === 0) return value;
    if (allowedTexts.has(value) && !secrets.isSecret(value)) return value;
    try {
      // Stryker disable next-line all: which strings the clean cache holds changes speed, not output
      const cacheable = value.length <= CLEAN_CACHE_MAX_LENGTH;
      // Stryker disable next-line ConditionalExpression,BlockStatement: a cache hit returns what scanning again returns
      if (cacheable && cleanStrings.has(value)) {
        const matcher = traceContent();
        return matcher ? matcher.maskText(value, tally) : value;
      }
      if (value.length <= maxStringLength) {
        const out = scan(value, tally);
        // Stryker disable next-line ConditionalExpression,CallExpression: which strings the clean cache holds changes speed, not output
        if (cacheable && out === value) rememberClean(value);
        if (out.length <= maxStringLength) return out;
      }
      const window =
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: slicing a value no longer than the window to the window's length gives it back whole
        value.length > maxStringLength + SCAN_MARGIN
          ? value.slice(0, maxStringLength + SCAN_MARGIN)
          : value;
      const scanned = scan(window, tally);
      // Drop as many trailing characters as the window had past the cut: a partial secret at the
      // window's edge (unmatched, so unchanged) is always inside what is dropped.
      let keep = Math.min(cutLength, scanned.length - (window.length - cutLength));
      // Stryker disable next-line ConditionalExpression,EqualityOperator: at keep 0 charAt(-1) is the empty string, which holds no surrogate
      if (keep > 0 && /[\uD800-\uDBFF]/.test(scanned.charAt(keep - 1))) keep--;
      tally.record(ENGINE_RULES.maxLength);
      return scan(scanned.slice(0, Math.max(0, keep)), tally) + TRUNCATION_MARKER;
    } catch (error) {
      diag.warn('redaction: a rule failed, value dropped', (error as Error)?.name);
      tally.record(ENGINE_RULES.ruleError);
      return ERROR_MARKER;
    }
  }

  /**
   * How `key` is exported and treated. `contentInKey`: also mask the trace's content in the key
   * (keys of log bodies and nested maps; attribute names are chosen by code and skip this cost).
   */
  function keyVerdict(key: string, tally: RedactionTally, contentInKey: boolean): KeyVerdict {
    const cached = keyCache.get(key);
    // Stryker disable next-line ConditionalExpression: a key verdict is only cached when judging the key again gives the same one
    if (cached) return contentInKey ? maskKeyContent(cached, key, tally) : cached;
    const allowed = allowedKeys.get(key);
    const probe = new RedactionTally();
    // Verdicts are cached for every trace: judged without its content.
    const safeKey = withoutTraceContent(() => redactString(key, probe));
    // Judged on the exported key without its markers, so a second pass reaches the same verdict.
    const sensitive =
      allowed === undefined &&
      sensitiveKeys !== undefined &&
      sensitiveKeys.test(normaliseKey(safeKey.replace(MARKER_PATTERN, '')));
    const verdict: KeyVerdict = {
      key: safeKey,
      sensitive,
      allowed,
      urlPrefix: URL_KEYS.get(key),
      shapeTrigger: shapes.isTrigger(key),
    };
    // Stryker disable next-line ConditionalExpression,BlockStatement: not caching a verdict only means judging the key again, to the same verdict
    if (probe.count === 0) {
      // Stryker disable next-line all: a cache bound: when the key cache is cleared changes speed and memory, not output
      if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
      // Stryker disable next-line CallExpression: not caching a verdict only means judging the key again, to the same verdict
      keyCache.set(key, verdict);
    } else {
      // Keys holding secrets are rare and are never cached, so each record counts its own mask.
      for (const rule of probe.ruleNames()) tally.record(rule);
    }
    return contentInKey ? maskKeyContent(verdict, key, tally) : verdict;
  }

  /** Runs `work` redacting for trace `id` (its matcher: compiled, or null until needed). */
  function withTrace<T>(
    id: string | undefined,
    matcher: ContentMatcher | undefined | null,
    work: () => T,
  ): T {
    const outerId = traceId;
    const outerMatcher = traceMatcher;
    traceId = id;
    traceMatcher = matcher;
    try {
      return work();
    } finally {
      traceId = outerId;
      traceMatcher = outerMatcher;
    }
  }

  const withoutTraceContent = <T>(work: () => T): T => withTrace(undefined, undefined, work);

  /**
   * The verdict with the trace's content masked in `key` (a name used as a map key): in the key as
   * written, before the patterns, as in any other text, since a pattern's mask inside a remembered
   * value would leave the rest of that value unmatched.
   */
  function maskKeyContent(verdict: KeyVerdict, key: string, tally: RedactionTally): KeyVerdict {
    const matcher = traceContent();
    if (!matcher) return verdict;
    const masked = matcher.maskKey(key, tally);
    // Stryker disable next-line ConditionalExpression: a key without content scans to the verdict's key again
    if (masked === key) return verdict;
    // The patterns' masks in the key were counted with its verdict.
    const rest = withoutTraceContent(() => redactString(masked, new RedactionTally()));
    return { ...verdict, key: rest };
  }

  /** Whether a value under an allowlisted key passes unscanned: right type, right shape, no secret. */
  function passesAllowed(shape: CompiledShape, value: unknown): boolean {
    if (typeof value === 'string') {
      if (shape.type === 'integer') return false;
      // Stryker disable next-line ConditionalExpression: skipping the cache of values that passed their shape checks them again, to the same verdict
      return shape.passed.has(value) || admitText(shape, value);
    }
    if (typeof value === 'number') {
      if (shape.type === 'string') return false;
      // Stryker disable next-line ConditionalExpression: Number.isSafeInteger is false for every value that is no number
      if (shape.type === 'integer' && !Number.isSafeInteger(value)) return false;
      // Numbers seldom recur beyond one update's records: only the last one is remembered.
      if (value === shape.lastNumber) return true;
      if (!fitsShape(shape, String(value))) return false;
      shape.lastNumber = value;
      return true;
    }
    // Stryker disable next-line ConditionalExpression,StringLiteral: a boolean refused here is kept as it is by the scan
    if (typeof value !== 'boolean') return false;
    return shape.type === 'primitive' && admitText(shape, String(value));
  }

  /** `text` fits the shape and is no registered secret; remembered when it does. */
  function admitText(shape: CompiledShape, text: string): boolean {
    if (!fitsShape(shape, text)) return false;
    // Stryker disable next-line all: a cache bound: how many passed values are remembered changes speed and memory, not output
    if (shape.passed.size < CLEAN_CACHE_LIMIT) shape.passed.add(text);
    return true;
  }

  function fitsShape(shape: CompiledShape, text: string): boolean {
    if (!shape.pattern.test(text)) return false;
    if (shape.ruleList && !text.split(',').every(isRuleName)) return false;
    // A registered secret that happens to have the shape (a hex key under `trace_id`) is no id.
    return !secrets.isSecret(text);
  }

  /** A URL attribute: sensitive query and fragment parameters masked, then the usual scan. */
  function redactUrl(value: string, prefix: string, tally: RedactionTally): string {
    const params = maskQueryParams(value, prefix, isSensitiveParam, () =>
      tally.record(QUERY_PARAM_RULE),
    );
    if (prefix === '') return redactString(params, tally);
    // Scanned with the separator the attribute lacks, so the first parameter is seen as one.
    const out = redactString(prefix + params, tally);
    return out.startsWith(prefix) ? out.slice(prefix.length) : out;
  }

  function redactNumber(value: number, tally: RedactionTally): unknown {
    const text = String(value);
    if (traceContent()?.isWhole(text)) {
      tally.record(CONTENT_RULE);
      return CONTENT_MARKER;
    }
    if (!Number.isInteger(value)) return value;
    // A registered secret may be all digits (a PIN, an account number) and written as a number.
    if (secrets.isSecret(text)) {
      tally.record(ENGINE_RULES.knownSecret);
      return SECRET_MARKER;
    }
    // Only integers long enough to be a card number can match a value rule.
    if (Math.abs(value) < 1e12) return value;
    const out = redactString(text, tally);
    return out === text ? value : out;
  }

  function redactBytes(value: ArrayBufferView, tally: RedactionTally): unknown {
    const limit = (maxStringLength + SCAN_MARGIN) * 4;
    // Every plausible reading of the bytes (UTF-8, and UTF-16 for 16-bit arrays or bytes with
    // NULs): the first one that needed masking is exported, as text.
    for (const text of decodeBytes(value, limit)) {
      const out = redactString(text, tally);
      if (out !== text) return out;
    }
    if (value.byteLength > limit)
      return redactString(decodeBytes(value, limit)[0] as string, tally);
    if (!snapshot) return value;
    return new Uint8Array(
      value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength),
    );
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
    const verdicts: KeyVerdict[] = [];
    // Stryker disable next-line BooleanLiteral: a map without the first key of a shape rule holds no personal fields to find
    let shaped = false;
    const contentInKey = snapshot || depth > 0;
    for (const key of keys) {
      const verdict = keyVerdict(key, tally, contentInKey);
      shaped ||= verdict.shapeTrigger;
      verdicts.push(verdict);
    }
    // Only maps holding the first key of some shape rule are checked against the rules.
    const personal = shaped ? shapes.personalFields(keys, values) : undefined;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string;
      const child = values[i];
      const verdict = verdicts[i] as KeyVerdict;
      let redacted: unknown;
      if (verdict.sensitive || personal?.has(key)) {
        const mark = verdict.sensitive ? SENSITIVE_MARKER : PERSONAL_MARKER;
        if (child === undefined || child === null || child === mark) redacted = child;
        else {
          tally.record(verdict.sensitive ? ENGINE_RULES.sensitiveKey : PERSONAL_FIELD_RULE);
          redacted = mark;
        }
      } else if (verdict.allowed !== undefined && passesAllowed(verdict.allowed, child)) {
        redacted = child;
      } else if (verdict.allowed !== undefined && verdict.allowed.type !== 'primitive') {
        // One of our own keys with a value we never write there: replaced, not trusted.
        if (child !== UNEXPECTED_MARKER) tally.record(ENGINE_RULES.unexpectedShape);
        redacted = UNEXPECTED_MARKER;
      } else if (verdict.urlPrefix !== undefined && typeof child === 'string') {
        redacted = redactUrl(child, verdict.urlPrefix, tally);
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
    if (out === undefined && snapshot) {
      out = {};
      for (let j = 0; j < keys.length; j++) setOwn(out, keys[j] as string, values[j]);
    }
    return out ?? source;
  }

  /**
   * A record's own attributes (the top level, not a snapshot): when every key is allowlisted (and
   * judged before) and every value fits its shape, the map is returned as it is, without the
   * general walk's copies of its keys, values and verdicts.
   */
  // Stryker disable next-line BlockStatement: a map that leaves this short-cut gets the same output from the general walk
  function passesWhole(value: Record<string, unknown>): boolean {
    // Stryker disable next-line BlockStatement: the same
    try {
      for (const key of Object.keys(value)) {
        const verdict = keyCache.get(key);
        // Stryker disable next-line ConditionalExpression,EqualityOperator,OptionalChaining,BooleanLiteral: a map that leaves this short-cut (here or by the catch below) gets the same output from the general walk
        if (verdict?.allowed === undefined) return false;
        // A shape rule's personal field may be allowlisted too: only the general walk replaces it.
        // Stryker disable next-line ConditionalExpression: (the "always" variant) leaving the short-cut gives the same output
        if (verdict.shapeTrigger) return false;
        // Stryker disable next-line ConditionalExpression,BooleanLiteral: a map that leaves this short-cut gets the same output from the general walk
        if (!passesAllowed(verdict.allowed, value[key])) return false;
      }
      // Stryker disable next-line BooleanLiteral: a map that leaves this short-cut gets the same output from the general walk
      return true;
      // Stryker disable next-line BlockStatement: an empty catch returns undefined, which leaves the short-cut as well
    } catch {
      return false; // a throwing getter: the general walk records it
    }
  }

  function redactObject(
    value: object,
    tally: RedactionTally,
    depth: number,
    ancestors: object[],
  ): unknown {
    if (
      depth === 0 &&
      !snapshot &&
      !(value instanceof Map) &&
      !(value instanceof Error) &&
      passesWhole(value as Record<string, unknown>)
    ) {
      return value;
    }
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
      if (out === undefined && (redacted !== child || snapshot)) out = value.slice(0, i);
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
        case 'symbol': {
          // A serialiser that prints symbols prints their description.
          const text = value.description;
          if (text === undefined) return value;
          const out = redactString(text, tally);
          return out === text ? value : Symbol(out);
        }
        case 'object':
          break;
        default:
          return value;
      }
      if (value === null) return value;
      // A boxed string (`new String(text)`) is exported as a map of its characters: as its text.
      if (value instanceof String || value instanceof Number || value instanceof Boolean) {
        return redactAny(value.valueOf(), tally, depth, ancestors);
      }
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

  const secretSources: (() => Iterable<string | undefined>)[] = [];
  const polled = new Set<string>();

  const redactor: Redactor = {
    addSecretSource(read) {
      secretSources.push(read);
      redactor.pollSecretSources();
    },
    pollSecretSources() {
      for (const read of secretSources) {
        try {
          for (const value of read()) {
            if (typeof value !== 'string' || value === '' || polled.has(value)) continue;
            polled.add(value);
            redactor.addSecret(value);
          }
        } catch {
          diag.warn('redaction: a secret source failed');
        }
      }
    },
    addSecret(value: string): void {
      if (!secrets.add(value)) {
        diag.warn(
          `redaction: a secret shorter than ${minSecretLength} characters was not registered`,
        );
        return;
      }
      generation++;
      prefilter = compilePrefilter(rules, secrets.prefilterPattern);
      keyCache.clear();
      cleanStrings.clear();
      for (const shape of allowedKeys.values()) {
        shape.passed.clear();
        shape.lastNumber = undefined;
      }
    },
    redactString,
    // Stryker disable next-line ArrayDeclaration: ancestors are objects; a string in the list never equals one
    redactValue: (value, tally = new RedactionTally()) => redactAny(value, tally, 0, []),
    snapshotValue(value, tally = new RedactionTally()) {
      const outer = snapshot;
      snapshot = true;
      try {
        // Stryker disable next-line ArrayDeclaration: ancestors are objects; a string in the list never equals one
        return redactAny(value, tally, 0, []);
      } finally {
        snapshot = outer;
      }
    },
    redactAttributes: (attributes, tally = new RedactionTally()) => {
      // Stryker disable next-line ArrayDeclaration: ancestors are objects; a string in the list never equals one
      const out = redactAny(attributes, tally, 0, []);
      return typeof out === 'object' && out !== null ? (out as Attributes) : {};
    },
    // Stryker disable next-line ConditionalExpression: the registry has no values for an undefined trace either
    inTrace: (id, work) => withTrace(id, id === undefined ? undefined : null, work),
    content,
    isRuleName,
    get generation() {
      return generation;
    },
  };
  for (const secret of policy.secrets) redactor.addSecret(secret);
  return redactor;
}
