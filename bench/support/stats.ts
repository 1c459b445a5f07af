/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Median and range of the per-round ratios `values[i] / baseline[i]`: each round's variants ran
 * seconds apart, so a ratio within a round cancels the machine's slow drifts that a ratio of
 * overall medians would not.
 */
export function roundRatios(values: readonly number[], baseline: readonly number[]): Spread {
  if (values.length !== baseline.length || values.length === 0)
    throw new Error(`rounds differ: ${values.length} values, ${baseline.length} baseline`);
  return spread(values.map((value, round) => value / (baseline[round] as number)));
}

/** Median and range of the per-round differences `values[i] - baseline[i]`. */
export function roundDifferences(values: readonly number[], baseline: readonly number[]): Spread {
  if (values.length !== baseline.length || values.length === 0)
    throw new Error(`rounds differ: ${values.length} values, ${baseline.length} baseline`);
  return spread(values.map((value, round) => value - (baseline[round] as number)));
}

/** `1.23× (1.10–1.40)` */
export function formatRatio({ median, min, max }: Spread): string {
  return `${median.toFixed(2)}× (${min.toFixed(2)}–${max.toFixed(2)})`;
}

/** `12.3 (10.1–15.0)` */
export function formatSpread({ median, min, max }: Spread, digits = 1): string {
  return `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;
}

/** Order of the variants in a round: rotated, so none always runs first or after the same one. */
export function rotation<T>(variants: readonly T[], round: number): T[] {
  return variants.map((_, i) => variants[(i + round) % variants.length] as T);
}
