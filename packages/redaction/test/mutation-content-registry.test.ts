import type { HrTime } from '@opentelemetry/api';
import { ContentRegistry } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// The content registry's limits and release bookkeeping at their edges.
const clock = (): number => performance.timeOrigin + performance.now();
const hrTime = (millis: number): HrTime => [
  Math.floor(millis / 1e3),
  Math.round((millis % 1e3) * 1e6),
];
const limits = (changes: Partial<ConstructorParameters<typeof ContentRegistry>[0]>) => ({
  maxTraces: 100,
  maxBytes: 1e6,
  maxValuesPerTrace: 100,
  ...changes,
});

describe('limits', () => {
  it('keeps exactly the number of values allowed per trace', () => {
    const registry = new ContentRegistry(limits({ maxValuesPerTrace: 2 }));
    registry.remember('t', ['value one', 'value two', 'value three']);
    registry.remember('t', ['value four']);
    expect(registry.matcher('t')?.size).toBe(2);
  });

  it('gives back the bytes of a released trace', () => {
    const registry = new ContentRegistry(limits({ maxBytes: 40 }));
    registry.remember('a', ['0123456789']);
    registry.finish('a');
    expect(registry.size).toBe(0);
    registry.remember('b', ['012345678901234567']);
    expect(registry.matcher('b')?.size).toBe(1);
  });

  it('stops forgetting once the traces left hold exactly the bytes allowed', () => {
    const registry = new ContentRegistry(limits({ maxTraces: 1, maxBytes: 40 }));
    registry.remember('a', ['ab']);
    registry.remember('b', ['01234567890123456789']);
    expect(registry.matcher('a')).toBeUndefined();
    expect(registry.matcher('b')?.size).toBe(1);
  });
});

describe('release', () => {
  it('forgets the compiled values of a released trace', () => {
    const registry = new ContentRegistry();
    registry.remember('t', ['value one']);
    expect(registry.matcher('t')?.size).toBe(1);
    registry.finish('t');
    expect(registry.matcher('t')).toBeUndefined();
  });

  it('keeps a trace finished after the latest record an exporter handed on', () => {
    const registry = new ContentRegistry();
    const exporter = registry.watermark();
    registry.remember('t', ['value one']);
    const before = clock();
    registry.finish('t');
    exporter.exported([hrTime(before - 1)]);
    expect(registry.size).toBe(1);
    // Whole seconds before the finish, plus nanoseconds that do not reach it.
    exporter.exported([[Math.floor(before / 1e3) - 1, 500_000_000]]);
    expect(registry.size).toBe(1);
    exporter.exported([hrTime(clock() + 1)]);
    expect(registry.size).toBe(0);
  });

  it('reads the nanoseconds of a record time', () => {
    const registry = new ContentRegistry();
    const exporter = registry.watermark();
    registry.remember('t', ['value one']);
    registry.finish('t');
    const after = clock();
    exporter.exported([[Math.floor(after / 1e3), Math.round((after % 1e3) * 1e6) + 2_000_000]]);
    expect(registry.size).toBe(0);
  });

  it('keeps the time of the first finish', () => {
    const registry = new ContentRegistry();
    const exporter = registry.watermark();
    registry.remember('t', ['value one']);
    registry.finish('t');
    const between = clock();
    while (clock() <= between) {
      // The next finish must come strictly later than `between`.
    }
    registry.finish('t');
    exporter.flushed(between);
    expect(registry.size).toBe(0);
  });

  it('never moves an exporter back to an earlier time', () => {
    const registry = new ContentRegistry();
    const first = registry.watermark();
    const second = registry.watermark();
    registry.remember('t', ['value one']);
    registry.finish('t');
    first.flushed(clock() + 60_000);
    first.flushed(0);
    expect(registry.size).toBe(1);
    second.flushed(clock() + 60_000);
    expect(registry.size).toBe(0);
  });

  it('goes on releasing after a finished trace was forgotten early', () => {
    const registry = new ContentRegistry(limits({ maxTraces: 1 }));
    const exporter = registry.watermark();
    registry.remember('a', ['value a']);
    registry.finish('a');
    registry.remember('b', ['value b']);
    expect(registry.matcher('a')).toBeUndefined();
    registry.finish('b');
    exporter.flushed(clock() + 60_000);
    expect(registry.size).toBe(0);
  });

  it('keeps a trace remembered again after it finished and was forgotten early', () => {
    const registry = new ContentRegistry(limits({ maxTraces: 1 }));
    const exporter = registry.watermark();
    registry.remember('a', ['value a']);
    registry.finish('a');
    registry.remember('b', ['value b']);
    registry.remember('a', ['value a again']);
    exporter.flushed(clock() + 60_000);
    expect(registry.matcher('a')?.size).toBe(1);
  });
});
