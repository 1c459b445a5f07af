import { describe, expect, it } from 'vitest';
import { median, rotation, roundDifferences, roundRatios, spread } from './stats.js';

describe('benchmark statistics', () => {
  it('takes the middle value, or the mean of the two middle ones, regardless of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it('spreads values as median, min and max', () => {
    expect(spread([3, 9, 1, 4])).toEqual({ median: 3.5, min: 1, max: 9 });
  });

  it('divides each round by the baseline of the same round, not by the overall median', () => {
    // The machine slowed down in round 2; per-round ratios cancel that, a ratio of medians would not.
    const bare = [100, 200, 110];
    const instrumented = [120, 240, 121];
    expect(roundRatios(instrumented, bare)).toEqual({ median: 1.2, min: 1.1, max: 1.2 });
    expect(roundDifferences(instrumented, bare)).toEqual({ median: 20, min: 11, max: 40 });
  });

  it('refuses rounds that do not pair up', () => {
    expect(() => roundRatios([1, 2], [1])).toThrow(/rounds differ/);
    expect(() => roundDifferences([], [])).toThrow(/rounds differ/);
  });

  it('rotates the order so every variant takes every position', () => {
    const orders = [0, 1, 2].map((round) => rotation(['a', 'b', 'c'], round));
    expect(orders).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
      ['c', 'a', 'b'],
    ]);
  });
});
