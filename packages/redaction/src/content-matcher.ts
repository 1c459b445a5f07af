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
const WORD = /[\p{L}\p{N}_]/u;
const SIGNIFICANT = /[\p{L}\p{N}]/gu;

const isWord = (c: string | undefined): boolean => c !== undefined && WORD.test(c);
const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

function windowHash(text: string, start: number): number {
  let h = 0;
  for (let i = start; i < start + K; i++) h = (Math.imul(h, B) + text.charCodeAt(i)) | 0;
  return h;
}

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
 * every value is indexed by a rolling hash (a bitset in front of a sorted array), so a text is
 * scanned once, in linear time, however many values there are.
 */
export class ContentMatcher {
  private readonly values: string[];
  private readonly wholeValues: Set<string>;
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly refs: Int32Array;
  /** Approximate memory held, for the registry's byte budget. */
  readonly bytes: number;

  constructor(values: Iterable<string>) {
    const kept = new Set<string>();
    for (const value of values) {
      if (typeof value !== 'string') continue;
      const v = value.length > MAX_VALUE_LENGTH ? value.slice(0, MAX_VALUE_LENGTH) : value;
      if (v.length >= K && significant(v) >= 1) kept.add(v);
    }
    this.values = [...kept].slice(0, 32_767);
    this.wholeValues = new Set(this.values);
    let windows = 0;
    for (const v of this.values) windows += v.length - K + 1;
    let size = 512;
    while (size < windows * 8 && size < 1 << 20) size <<= 1;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
    const order: number[] = [];
    const hashes: number[] = [];
    const refs: number[] = [];
    this.values.forEach((v, index) => {
      let h = windowHash(v, 0);
      for (let offset = 0; ; offset++) {
        const slot = h & this.mask;
        (this.bits[slot >>> 5] as number) |= 1 << (slot & 31);
        order.push(order.length);
        hashes.push(h);
        refs.push(index * 65_536 + offset);
        if (offset + K >= v.length) break;
        h =
          (Math.imul(h - Math.imul(v.charCodeAt(offset), B_POW_K1), B) + v.charCodeAt(offset + K)) |
          0;
      }
    });
    order.sort((a, b) => (hashes[a] as number) - (hashes[b] as number));
    this.hashes = Int32Array.from(order, (i) => hashes[i] as number);
    this.refs = Int32Array.from(order, (i) => refs[i] as number);
    this.bytes = this.bits.byteLength + this.hashes.byteLength * 2 + windows * 2 + 64;
  }

  get size(): number {
    return this.values.length;
  }

  /** True when `text` is exactly one of the values (numbers, ids). */
  isWhole(text: string): boolean {
    return this.wholeValues.has(text);
  }

  /** `text` with every maskable occurrence of a value replaced by `[REDACTED:trace_content]`. */
  maskText(text: string, tally: RedactionTally): string {
    if (text.length < K || this.values.length === 0) return text;
    let out = '';
    let done = 0;
    let h = windowHash(text, 0);
    for (let i = 0; i + K <= text.length; ) {
      const slot = h & this.mask;
      const end =
        ((this.bits[slot >>> 5] as number) & (1 << (slot & 31))) === 0
          ? -1
          : this.longestRunAt(text, i, h, done);
      if (end > i) {
        // Spaces around a piece stay readable.
        let start = i;
        let stop = end;
        while (start < stop && isSpace(text.charCodeAt(start))) start++;
        while (stop > start && isSpace(text.charCodeAt(stop - 1))) stop--;
        out += text.slice(done, start) + CONTENT_MARKER;
        tally.record(CONTENT_RULE);
        done = stop;
        i = end;
        if (i + K <= text.length) h = windowHash(text, i);
        continue;
      }
      if (i + K < text.length) {
        h =
          (Math.imul(h - Math.imul(text.charCodeAt(i), B_POW_K1), B) + text.charCodeAt(i + K)) | 0;
      }
      i++;
    }
    return done === 0 ? text : out + text.slice(done);
  }

  /**
   * End of the longest maskable run that starts at `at`, or -1. Runs that reach further left
   * (but not past `floor`, where the last mask ended) were already judged at an earlier position.
   */
  private longestRunAt(text: string, at: number, h: number, floor: number): number {
    let lo = 0;
    let hi = this.hashes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.hashes[mid] as number) < h) lo = mid + 1;
      else hi = mid;
    }
    let bestEnd = -1;
    // Bounded, so a value with one window repeated many times ("        ") cannot make this quadratic.
    const last = Math.min(this.hashes.length, lo + MAX_CANDIDATES);
    for (let k = lo; k < last && this.hashes[k] === h; k++) {
      const ref = this.refs[k] as number;
      const value = this.values[Math.floor(ref / 65_536)] as string;
      const offset = ref % 65_536;
      if (!sameWindow(text, at, value, offset)) continue;
      if (offset > 0 && at > floor && text.charCodeAt(at - 1) === value.charCodeAt(offset - 1)) {
        continue;
      }
      let right = K;
      while (
        offset + right < value.length &&
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

function significant(text: string): number {
  return text.match(SIGNIFICANT)?.length ?? 0;
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
  // Where the run reaches an edge of the value, the text must not continue the word there
  // ("Smith" is not masked inside "Smithson").
  const leftEdgeOk =
    from > 0 || !isWord(value.charAt(0)) || start === 0 || !isWord(text.charAt(start - 1));
  const rightEdgeOk =
    to < value.length ||
    !isWord(value.charAt(value.length - 1)) ||
    end === text.length ||
    !isWord(text.charAt(end));
  if (from === 0 && to === value.length) return leftEdgeOk && rightEdgeOk;
  const piece = text.slice(start, end);
  if (significant(piece) < CONTENT_THRESHOLDS.minSignificant) return false;
  if (length >= CONTENT_THRESHOLDS.minFragment) return true;
  if (length < CONTENT_THRESHOLDS.minCut) return false;
  const leftOk = from === 0 ? leftEdgeOk : cutMarkBefore(text, start);
  const rightOk = to === value.length ? rightEdgeOk : cutMarkAfter(text, end);
  return leftOk && rightOk;
}
