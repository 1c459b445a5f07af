import type { Attributes } from '@opentelemetry/api';

export const MASKED_COUNT = 'redaction.masked.count';
export const MASKED_RULES = 'redaction.masked.rules';

/** What one record had masked: how many values and by which rules (never the values). */
export class RedactionTally {
  count = 0;
  private rules: Set<string> | undefined;

  record(rule: string): void {
    this.count++;
    this.rules ??= new Set();
    this.rules.add(rule);
  }

  /** Counts what `other` counted as well. */
  add(other: RedactionTally): void {
    for (const rule of other.rules ?? []) {
      this.rules ??= new Set();
      this.rules.add(rule);
    }
    this.count += other.count;
  }

  ruleNames(): string[] {
    return this.rules ? [...this.rules].sort() : [];
  }

  /**
   * Counter attributes to set on the record, or undefined when nothing was masked. Counts already
   * on the record (an earlier redaction stage) are added to, like the collector's processor does;
   * values of the wrong type or shape there are ignored and overwritten, and only names that
   * `isRuleName` knows are kept (anything else there may be a secret written under our key).
   */
  counters(existing: Attributes, isRuleName: (name: string) => boolean): Attributes | undefined {
    if (this.count === 0) return undefined;
    const previousCount = existing[MASKED_COUNT];
    const previousRules = existing[MASKED_RULES];
    const rules = new Set(this.ruleNames());
    let count = this.count;
    if (
      typeof previousCount === 'number' &&
      Number.isSafeInteger(previousCount) &&
      previousCount > 0
    ) {
      count += previousCount;
    }
    if (typeof previousRules === 'string') {
      for (const rule of previousRules.split(',')) if (isRuleName(rule)) rules.add(rule);
    }
    return { [MASKED_COUNT]: count, [MASKED_RULES]: [...rules].sort().join(',') };
  }
}
