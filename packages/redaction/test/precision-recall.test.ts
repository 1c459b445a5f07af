import { readFileSync } from 'node:fs';
import { createRedactor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

interface CorpusCase {
  /** The class of data (a positive) or the class a negative could be mistaken for. */
  readonly type: string;
  readonly source: string;
  readonly text: string;
  /** Exact expected output: the secret replaced by its marker, or the text itself for a negative. */
  readonly masked: string;
}

interface Score {
  positives: number;
  hits: number;
  negatives: number;
  falsePositives: number;
}

/** Recorded figures (percent): a change that lowers recall or raises false positives fails. */
const RECORDED: Record<string, { recall?: number; falsePositiveRate?: number }> = JSON.parse(
  readFileSync(new URL('./corpus/recorded-scores.json', import.meta.url), 'utf8'),
);
const corpus: CorpusCase[] = JSON.parse(
  readFileSync(new URL('./corpus/cases.generated.json', import.meta.url), 'utf8'),
);

const percent = (part: number, whole: number): number =>
  whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 100;

function score(): { byType: Map<string, Score>; misses: string[] } {
  const redactor = createRedactor();
  const byType = new Map<string, Score>();
  const misses: string[] = [];
  for (const c of corpus) {
    const s = byType.get(c.type) ?? { positives: 0, hits: 0, negatives: 0, falsePositives: 0 };
    byType.set(c.type, s);
    const out = redactor.redactString(c.text);
    const isPositive = c.masked !== c.text;
    // Exact output: a partial mask (a fragment of the secret left) counts as a miss.
    if (isPositive) {
      s.positives++;
      if (out === c.masked) s.hits++;
      else misses.push(`${c.type} miss: ${JSON.stringify(c.text)} -> ${JSON.stringify(out)}`);
    } else {
      s.negatives++;
      if (out !== c.text) {
        s.falsePositives++;
        misses.push(
          `${c.type} false positive: ${JSON.stringify(c.text)} -> ${JSON.stringify(out)}`,
        );
      }
    }
  }
  return { byType, misses };
}

describe('precision and recall on the labelled corpus', () => {
  const { byType, misses } = score();

  it('has at least 1,000 labelled cases, positives and negatives', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    const positives = corpus.filter((c) => c.masked !== c.text).length;
    expect(positives).toBeGreaterThan(0);
    expect(corpus.length - positives).toBeGreaterThan(0);
  });

  it.each(Object.entries(RECORDED))(
    '%s stays at or above its recorded figures',
    (type, recorded) => {
      const s = byType.get(type);
      expect(s, `no cases of ${type}`).toBeDefined();
      if (!s) return;
      const table = `${type}: recall ${percent(s.hits, s.positives)}% of ${s.positives}, false positives ${percent(s.falsePositives, s.negatives)}% of ${s.negatives}\n${misses.filter((m) => m.startsWith(`${type} `)).join('\n')}`;
      if (recorded.recall !== undefined) {
        expect(percent(s.hits, s.positives), table).toBeGreaterThanOrEqual(recorded.recall);
      }
      if (recorded.falsePositiveRate !== undefined) {
        expect(percent(s.falsePositives, s.negatives), table).toBeLessThanOrEqual(
          recorded.falsePositiveRate,
        );
      }
    },
  );

  it('records a figure for every type in the corpus', () => {
    expect(Object.keys(RECORDED).sort()).toEqual([...byType.keys()].sort());
  });
});
