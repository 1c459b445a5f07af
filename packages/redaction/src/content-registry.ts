import { diag, type HrTime } from '@opentelemetry/api';
import { ContentMatcher } from './content-matcher.js';

/** Memory bounds of a content registry. */
export interface ContentRegistryLimits {
  /** Traces remembered at once; the oldest is forgotten first. */
  readonly maxTraces: number;
  /** Approximate bytes held by all traces' values and indexes together. */
  readonly maxBytes: number;
  /** Values remembered per trace. */
  readonly maxValuesPerTrace: number;
}

export const DEFAULT_CONTENT_LIMITS: ContentRegistryLimits = Object.freeze({
  maxTraces: 16_384,
  maxBytes: 32 * 1024 * 1024,
  maxValuesPerTrace: 256,
});

interface Entry {
  values: string[];
  bytes: number;
  /** Time (ms since the epoch) the producer said the trace is complete, or undefined. */
  finishedAt: number | undefined;
}

/** One exporter's progress: the latest record time it has handed on. */
export interface ExportWatermark {
  /** Reports records just redacted for export; releases traces every exporter is past. */
  exported(times: readonly (HrTime | undefined)[]): void;
  /** Reports a completed flush: everything queued before `startedAt` (ms) has been exported. */
  flushed(startedAt: number): void;
}

// A span batch and the log batch after it hold the same few hundred traces (the batch processors
// export up to 512 records at a time): keep enough compiled that the second batch finds them.
const COMPILED_TRACES = 1024;

/** Milliseconds since the epoch on the clock the SDK stamps records with. */
const timeOrigin = performance.timeOrigin;
export const now = (): number => timeOrigin + performance.now();
const toMillis = (time: HrTime): number => time[0] * 1e3 + time[1] / 1e6;

/**
 * Values to mask within one trace, whichever code writes them into a span or log record of that
 * trace: a producer that sees sensitive input (e.g. an incoming message) calls `remember(traceId,
 * values)` before any handler runs and `finish(traceId)` when it is done; the redacting
 * exporters mask the values in that trace's records. A finished trace is released once every
 * redacting exporter has handed on a record newer than the finish, or completed a flush begun
 * after it (batches leave in order, so the trace's own records have left by then). Memory is
 * bounded by `limits`: a finished trace of an idle exporter stays until later traffic or a flush,
 * and a trace forgotten early (limits reached) falls back to the pattern rules alone, with a
 * warning.
 */
export class ContentRegistry {
  private readonly entries = new Map<string, Entry>();
  /**
   * Compiled values of the traces compiled most recently. Only these few are kept compiled: a
   * trace's records are redacted together (one batch), while thousands of traces may wait for
   * their export, and keeping each one's index would make the heap, and every collection, larger.
   */
  private readonly compiled = new Map<string, ContentMatcher>();
  /** Finished traces in the order they finished (so in `finishedAt` order): released from the front. */
  // Stryker disable next-line ArrayDeclaration: a trace id that was never finished is skipped on release
  private finished: string[] = [];
  private finishedHead = 0;
  private readonly watermarks: number[] = [];
  private bytes = 0;
  private warned = false;

  constructor(private readonly limits: ContentRegistryLimits = DEFAULT_CONTENT_LIMITS) {}

  /** Adds values to mask in the records of `traceId` (non-strings and short values are ignored). */
  remember(traceId: string, values: readonly string[]): void {
    if (typeof traceId !== 'string' || !Array.isArray(values) || values.length === 0) return;
    let entry = this.entries.get(traceId);
    if (!entry) {
      entry = { values: [], bytes: 0, finishedAt: undefined };
      this.entries.set(traceId, entry);
    } else {
      // Only a trace remembered before can have been compiled: compiled again with the new values.
      this.compiled.delete(traceId);
    }
    for (const value of values) {
      if (typeof value !== 'string' || entry.values.length >= this.limits.maxValuesPerTrace) {
        continue;
      }
      entry.values.push(value);
      entry.bytes += value.length * 2;
      this.bytes += value.length * 2;
    }
    this.evictOverLimits();
  }

  /** The producer will add nothing more to `traceId`; it is released once its records are exported. */
  finish(traceId: string): void {
    const entry = this.entries.get(traceId);
    if (!entry || entry.finishedAt !== undefined) return;
    entry.finishedAt = now();
    this.finished.push(traceId);
    // With exporters, a trace finishing now is younger than their marks: it is released when one
    // of them moves on (`advance`), not here.
    if (this.watermarks.length === 0) this.release();
  }

  /** The compiled values of `traceId`, or undefined when nothing is remembered for it. */
  matcher(traceId: string | undefined): ContentMatcher | undefined {
    // Stryker disable next-line ConditionalExpression: no entry has the key undefined
    if (traceId === undefined) return undefined;
    // Oldest compiled first out: a trace's records are redacted within a batch or two of each
    // other, so reordering on every hit would only churn the map.
    const cached = this.compiled.get(traceId);
    // Stryker disable next-line ConditionalExpression: a cache; compiling again gives the same masks
    if (cached) return cached;
    const entry = this.entries.get(traceId);
    if (!entry) return undefined;
    const matcher = new ContentMatcher(entry.values);
    // Stryker disable next-line all: the bound of a cache of compiled traces changes memory, never masks
    if (this.compiled.size >= COMPILED_TRACES) {
      // Stryker disable next-line all: the bound of a cache of compiled traces changes memory, never masks
      this.compiled.delete(this.compiled.keys().next().value as string);
    }
    // Stryker disable next-line all: a cache; compiling again gives the same masks
    this.compiled.set(traceId, matcher);
    return matcher;
  }

  /** Traces currently remembered. */
  get size(): number {
    return this.entries.size;
  }

  /** Registers one redacting exporter; finished traces wait until every exporter is past them. */
  watermark(): ExportWatermark {
    const index = this.watermarks.push(0) - 1;
    const advance = (to: number): void => {
      // Stryker disable next-line EqualityOperator: writing the same mark again releases nothing new
      if (to <= (this.watermarks[index] as number)) return;
      this.watermarks[index] = to;
      this.release();
    };
    return {
      exported: (times) => {
        let latest = 0;
        for (const time of times) if (time) latest = Math.max(latest, toMillis(time));
        // A record dated in the future (an app's explicit end time) must not release traces that
        // finish before that time while their records are still queued.
        advance(Math.min(latest, now()));
      },
      flushed: advance,
    };
  }

  private release(): void {
    let passed = Infinity;
    for (const mark of this.watermarks) passed = Math.min(passed, mark);
    while (this.finishedHead < this.finished.length) {
      const traceId = this.finished[this.finishedHead] as string;
      const entry = this.entries.get(traceId);
      // Forgotten early (limits), or remembered again after it finished: nothing to release here.
      if (entry && entry.finishedAt !== undefined) {
        if (entry.finishedAt > passed) break;
        this.drop(traceId, entry);
      }
      this.finishedHead++;
    }
    // Stryker disable next-line all: compacting the finished list saves memory; released ids are never read again
    if (this.finishedHead > 1024 && this.finishedHead * 2 > this.finished.length) {
      // Stryker disable next-line all: compacting the finished list saves memory; released ids are never read again
      this.finished = this.finished.slice(this.finishedHead);
      this.finishedHead = 0;
    }
  }

  private drop(traceId: string, entry: Entry): void {
    this.entries.delete(traceId);
    this.compiled.delete(traceId);
    this.bytes -= entry.bytes;
  }

  private evictOverLimits(): void {
    while (this.entries.size > this.limits.maxTraces || this.bytes > this.limits.maxBytes) {
      // Oldest remembered first (a Map iterates in insertion order).
      const oldest = this.entries.entries().next();
      if (oldest.done) return;
      const [traceId, entry] = oldest.value;
      this.drop(traceId, entry);
      if (!this.warned) {
        this.warned = true;
        diag.warn(
          'redaction: the content registry is full; the oldest traces are masked by pattern rules only',
        );
      }
    }
  }
}
