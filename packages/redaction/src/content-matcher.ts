import type { RedactionTally } from './tally.js';

/** How much of a remembered value has to show up before it is masked (UTF-16 code units). */
export const CONTENT_THRESHOLDS = Object.freeze({
  /** A whole value shorter than this is not masked ("ok", "Ann", "/x" would wipe out records). */
  minWhole: 4,
  /**
   * A piece of a value this long is masked where it was cut: at the start or end of the text, or
   * next to an ellipsis or a quote (`text.slice(0, 10) + '…'`, V8's `"hello worl"... is not valid JSON`).
   */
  minCut: 8,
  /** A piece of a value this long is masked wherever it occurs. */
  minFragment: 16,
  /** Letters or digits a piece needs to count at all (a run of spaces or dots is not content). */
  minSignificant: 4,
});

export const CONTENT_RULE = 'trace_content';
const CONTENT_MARKER = `[REDACTED:${CONTENT_RULE}]`;
// Rolling hash window; equals the shortest maskable value so every maskable run holds one window.
const K = CONTENT_THRESHOLDS.minWhole;
const B = 31;
const B_POW_K1 = B ** (K - 1);
const MAX_VALUE_LENGTH = 16_384;
const MAX_CANDIDATES = 16;
// Values per trace and hash bits kept, so every table entry stays a small integer.
const MAX_VALUES = 16_383;
const HASH_BITS = 0x3fffffff;
const WORD = /[\p{L}\p{N}_]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter, digit or `_` (ASCII fast path; other scripts by Unicode class). */
function isWordCode(c: number): boolean {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the Unicode class gives ASCII the same answer; this branch is only faster
  if (c < 128)
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD.test(String.fromCharCode(c));
}

function isSignificantCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return LETTER_OR_DIGIT.test(String.fromCharCode(c));
}

const isWordAt = (text: string, at: number): boolean =>
  // Stryker disable next-line ConditionalExpression,LogicalOperator: outside the text charCodeAt is NaN, which is no word character
  at >= 0 && at < text.length && isWordCode(text.charCodeAt(at));
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

function windowHash(text: string, start: number): number {
  let h = 0;
  for (let i = start; i < start + K; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
  return h;
}

const rollHash = (h: number, out: number, add: number): number =>
  (Math.imul(h - Math.imul(out, B_POW_K1), B) + add) | 0;

function cutMarkBefore(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charAt(at - 1);
  return c === '…' || c === '"' || c === "'" || text.startsWith('...', at - 3);
}

function cutMarkAfter(text: string, at: number): boolean {
  if (at === text.length) return true;
  const c = text.charAt(at);
  return c === '…' || c === '"' || c === "'" || text.startsWith('...', at);
}

/**
 * The remembered values of one trace, compiled for scanning: every window of `K` characters of
 * every value goes into an open-addressing hash table keyed by a rolling hash, so a text is
 * scanned once, in linear time, however many values there are, and building it is linear too.
 */
export class ContentMatcher {
  private readonly values: string[];
  private readonly wholeValues: Set<string>;
  private readonly mask: number;
  /**
   * Slot `i` at `[2i, 2i + 1]`: the window's hash (30 bits), and its value index * 65536 + offset,
   * plus one (0 = empty). One plain array of small integers: typed arrays live outside the heap
   * and cost far more to allocate and collect for the small table of one trace.
   */
  private readonly slots: number[];
  /**
   * Keys already masked in this trace (the same keys recur in every record), with how many values
   * were masked in each; made on first use.
   */
  private keys: Map<string, { masked: string; count: number }> | undefined;

  constructor(values: Iterable<string>) {
    const kept = new Set<string>();
    const list: string[] = [];
    for (const value of values) {
      // Stryker disable next-line ConditionalExpression: the registry passes only strings, and a non-string has no length to be kept
      if (typeof value !== 'string') continue;
      const v = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
      if (v.length < K || kept.has(v) || significant(v) < 1) continue;
      kept.add(v);
      if (list.length < MAX_VALUES) list.push(v);
    }
    this.values = list;
    this.wholeValues = kept;
    let windows = 0;
    for (const v of list) windows += v.length - K + 1;
    // At most half full: most windows of a text land on an empty slot and cost one read, and the
    // table of a typical update (a few short values) stays small to allocate.
    let size = 16;
    while (size < windows * 2) size <<= 1;
    this.mask = size - 1;
    // Stryker disable next-line ArrayDeclaration: a hash is read only in a slot whose reference was written with it
    this.slots = new Array<number>(size * 2).fill(0);
    for (let index = 0; index < list.length; index++) {
      const v = list[index] as string;
      let h = windowHash(v, 0);
      for (let offset = 0; ; offset++) {
        let slot = h & this.mask;
        while (this.slots[slot * 2 + 1] !== 0) slot = (slot + 1) & this.mask;
        this.slots[slot * 2] = h & HASH_BITS;
        this.slots[slot * 2 + 1] = index * 65_536 + offset + 1;
        if (offset + K >= v.length) break;
        h = rollHash(h, v.charCodeAt(offset), v.charCodeAt(offset + K));
      }
    }
  }

  get size(): number {
    return this.values.length;
  }

  /** True when `text` is exactly one of the values (numbers, ids). */
  isWhole(text: string): boolean {
    return this.wholeValues.has(text);
  }

  /** A key with the values masked in it, remembered per trace. */
  maskKey(key: string, tally: RedactionTally): string {
    this.keys ??= new Map();
    const cached = this.keys.get(key);
    if (cached !== undefined) {
      // Counted as often as the first time: each record reports its own masks.
      for (let i = 0; i < cached.count; i++) tally.record(CONTENT_RULE);
      return cached.masked;
    }
    const before = tally.count;
    const masked = this.maskText(key, tally);
    if (this.keys.size < 1024) this.keys.set(key, { masked, count: tally.count - before });
    return masked;
  }

  /** `text` with every maskable occurrence of a value replaced by `[REDACTED:trace_content]`. */
  maskText(text: string, tally: RedactionTally): string {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a short-cut; the scan finds nothing in a text shorter than a window or without values
    if (text.length < K || this.values.length === 0) return text;
    let out = '';
    let done = 0;
    let h = windowHash(text, 0);
    // Stryker disable next-line ArithmeticOperator: windows past the end read NaN and match nothing
    for (let i = 0; i + K <= text.length; ) {
      const end = this.mayHold(h) ? this.longestRunAt(text, i, h, done) : -1;
      // Stryker disable next-line EqualityOperator: a run is at least one window long, so end is never i
      if (end > i) {
        // Spaces around a piece stay readable.
        let start = i;
        let stop = end;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a masked run holds a letter or digit, so trimming stops before the ends cross
        while (start < stop && isSpace(text.charCodeAt(start))) start++;
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a masked run holds a letter or digit, so trimming stops before the ends cross
        while (stop > start && isSpace(text.charCodeAt(stop - 1))) stop--;
        out += text.slice(done, start) + CONTENT_MARKER;
        tally.record(CONTENT_RULE);
        done = stop;
        i = end;
        // Stryker disable next-line ArithmeticOperator: a hash past the last window is never used
        if (i + K <= text.length) h = windowHash(text, i);
        continue;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: a hash past the last window is never used
      if (i + K < text.length) h = rollHash(h, text.charCodeAt(i), text.charCodeAt(i + K));
      i++;
    }
    // Stryker disable next-line ConditionalExpression: with nothing masked, out + text.slice(0) is text
    return done === 0 ? text : out + text.slice(done);
  }

  /** Whether a window with hash `h` can be in the table (its slot or the next one is taken by it). */
  private mayHold(h: number): boolean {
    const slot = h & this.mask;
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: a prefilter; a looser one only sends more windows to the full comparison
    if (this.slots[slot * 2 + 1] === 0) return false;
    return (
      this.slots[slot * 2] === (h & HASH_BITS) || this.slots[((slot + 1) & this.mask) * 2 + 1] !== 0
    );
  }

  /**
   * End of the longest maskable run that starts at `at`, or -1. Runs that reach further left
   * (but not past `floor`, where the last mask ended) were already judged at an earlier position.
   */
  private longestRunAt(text: string, at: number, h: number, floor: number): number {
    let bestEnd = -1;
    // Bounded, so a value with one window repeated many times ("        ") cannot make this quadratic.
    let probes = 0;
    for (
      let slot = h & this.mask;
      this.slots[slot * 2 + 1] !== 0 && probes < MAX_CANDIDATES * 4;
      slot = (slot + 1) & this.mask, probes++
    ) {
      // Stryker disable next-line ConditionalExpression: the hash test only saves the character comparison that follows
      if (this.slots[slot * 2] !== (h & HASH_BITS)) continue;
      const ref = (this.slots[slot * 2 + 1] as number) - 1;
      const value = this.values[Math.floor(ref / 65_536)] as string;
      const offset = ref % 65_536;
      if (!sameWindow(text, at, value, offset)) continue;
      if (offset > 0 && at > floor && text.charCodeAt(at - 1) === value.charCodeAt(offset - 1)) {
        continue;
      }
      let right = K;
      while (
        // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: past either end charCodeAt is NaN, which stops the loop anyway
        offset + right < value.length &&
        // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: past either end charCodeAt is NaN, which stops the loop anyway
        at + right < text.length &&
        text.charCodeAt(at + right) === value.charCodeAt(offset + right)
      ) {
        right++;
      }
      const end = at + right;
      if (end > bestEnd && maskable(text, at, end, value, offset, offset + right)) {
        bestEnd = end;
      }
    }
    return bestEnd;
  }
}

function sameWindow(text: string, at: number, value: string, offset: number): boolean {
  for (let i = 0; i < K; i++) {
    if (text.charCodeAt(at + i) !== value.charCodeAt(offset + i)) return false;
  }
  return true;
}

function significant(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) if (isSignificantCode(text.charCodeAt(i))) count++;
  return count;
}

/**
 * Whether the run `text[start, end)` = `value[from, to)` is masked: a whole value at word
 * boundaries, a long piece anywhere, or a shorter piece where it was visibly cut.
 */
function maskable(
  text: string,
  start: number,
  end: number,
  value: string,
  from: number,
  to: number,
): boolean {
  const length = end - start;
  const whole = from === 0 && to === value.length;
  if (!whole && length < CONTENT_THRESHOLDS.minCut) return false;
  // Where the run reaches an edge of the value, the text must not continue the word there
  // ("Smith" is not masked inside "Smithson").
  // Stryker disable next-line ConditionalExpression: leftEdgeOk is read only where from is 0
  const leftEdgeOk = from > 0 || !isWordAt(value, 0) || !isWordAt(text, start - 1);
  const rightEdgeOk =
    // Stryker disable next-line ConditionalExpression: rightEdgeOk is read only where to is the value length
    to < value.length || !isWordAt(value, value.length - 1) || !isWordAt(text, end);
  if (whole) return leftEdgeOk && rightEdgeOk;
  if (significant(text, start, end) < CONTENT_THRESHOLDS.minSignificant) return false;
  if (length >= CONTENT_THRESHOLDS.minFragment) return true;
  const leftOk = from === 0 ? leftEdgeOk : cutMarkBefore(text, start);
  const rightOk = to === value.length ? rightEdgeOk : cutMarkAfter(text, end);
  return leftOk && rightOk;
}
