import { ContentRegistry, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// Per-trace content masking at the edges the thresholds, cut marks and the hash table meet.
const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const MASK = '[REDACTED:trace_content]';

function matcherOf(values: string[], limits?: ConstructorParameters<typeof ContentRegistry>[0]) {
  const registry = new ContentRegistry(limits);
  registry.remember(TRACE, values);
  const matcher = registry.matcher(TRACE);
  if (!matcher) throw new Error('no matcher for a remembered trace');
  const mask = (text: string) => {
    const tally = new RedactionTally();
    return { out: matcher.maskText(text, tally), count: tally.count };
  };
  return { matcher, mask };
}

/** A text of `length` letters without a repeated window: `w0000 w0001 …` style, deterministic. */
function distinctText(length: number, seed = 1): string {
  let state = seed;
  let out = '';
  while (out.length < length) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    out += String.fromCharCode(97 + ((state >>> 16) % 26));
  }
  return out;
}

describe('letters and digits a piece needs', () => {
  // A sixteen-character piece is masked anywhere once it holds four letters or digits.
  const pieceWith = (c: string) => `.m..m..m..${c}.....`;

  it.each(['0', '9', 'A', 'Z', 'a', 'z', 'é'])('"%s" counts', (c) => {
    const piece = pieceWith(c);
    expect(piece).toHaveLength(16);
    const { mask } = matcherOf([`#${piece}#`]);
    expect(mask(`(${piece})`).out).toBe(`(${MASK})`);
  });

  it.each(['/', ':', '@', '[', '`', '{', '_', '-'])('"%s" does not', (c) => {
    const piece = pieceWith(c);
    const { mask } = matcherOf([`#${piece}#`]);
    expect(mask(`(${piece})`).out).toBe(`(${piece})`);
  });

  it('counts only the letters and digits inside the piece, not the one after it', () => {
    const piece = pieceWith('.');
    const { mask } = matcherOf([`#${piece}#`]);
    expect(mask(`(${piece}Z`).out).toBe(`(${piece}Z`);
  });
});

describe('which values are kept', () => {
  it('keeps values of four characters or more with at least one letter or digit', () => {
    const { matcher, mask } = matcherOf(['Bob', '----', '---a', 'Anna']);
    expect(matcher.size).toBe(2);
    expect(matcher.isWhole('---a')).toBe(true);
    expect(matcher.isWhole('Bob')).toBe(false);
    expect(matcher.isWhole('----')).toBe(false);
    expect(mask('x ---a and ---- Bob').out).toBe(`x ${MASK} and ---- Bob`);
  });

  it('keeps the first 16,384 characters of a longer value', () => {
    const head = distinctText(16_384);
    const { matcher, mask } = matcherOf([`${head}!`]);
    expect(matcher.isWhole(head)).toBe(true);
    expect(matcher.isWhole(`${head}!`)).toBe(false);
    expect(mask(`${head}!`).out).toBe(`${MASK}!`);
  });

  it('keeps at most 16,383 values of a trace', () => {
    const values = Array.from({ length: 16_384 }, (_, i) => `v${String(i).padStart(5, '0')}`);
    const { matcher } = matcherOf(values, {
      maxTraces: 1,
      maxBytes: 1e9,
      maxValuesPerTrace: 20_000,
    });
    expect(matcher.size).toBe(16_383);
  });
});

describe('the hash table', () => {
  it('finds every piece of a long value', () => {
    const value = distinctText(3_000, 7);
    const { mask } = matcherOf([value]);
    for (let at = 1; at + 20 < value.length; at += 37) {
      const piece = value.slice(at, at + 20);
      expect(mask(`(${piece})`).out, `piece at ${at}`).toBe(`(${MASK})`);
    }
  });

  it('finds each of many short values', () => {
    const values = Array.from({ length: 300 }, (_, i) => `k${String(i).padStart(3, '0')}`);
    const { mask } = matcherOf(values, { maxTraces: 1, maxBytes: 1e6, maxValuesPerTrace: 300 });
    for (const value of values) expect(mask(`(${value})`).out).toBe(`(${MASK})`);
    expect(mask('(k300)').out).toBe('(k300)');
  });

  it('finds a value whose first window is shared by many values', () => {
    const values = Array.from({ length: 12 }, (_, i) => `aaaa${String(i).padStart(4, '0')}`);
    const { mask } = matcherOf(values);
    for (const value of values) expect(mask(value).out).toBe(MASK);
  });

  it('tells apart windows with the same rolling hash', () => {
    // "AaAa" and "BBBB" have the same polynomial hash with base 31.
    const { mask } = matcherOf(['AaAa', 'AaAaAaAaAaAaAaAaAaAa']);
    expect(mask('BBBB').out).toBe('BBBB');
    expect(mask('x BBBBBBBBBBBBBBBBBBBB y').out).toBe('x BBBBBBBBBBBBBBBBBBBB y');
    expect(mask('AaBB').out).toBe('AaBB');
    expect(mask('x AaAa y').out).toBe(`x ${MASK} y`);
  });
});

describe('runs next to each other', () => {
  it('masks a value that starts right after another one, at the end of the text', () => {
    const { mask } = matcherOf(['Anna', '@zed']);
    expect(mask('Anna@zed')).toEqual({ out: `${MASK}${MASK}`, count: 2 });
  });

  it('masks the rest of a value that starts where the previous mask ended', () => {
    const { mask } = matcherOf(['0123456789012345.', 'abc.rstuvwxyzABCDEFGH']);
    expect(mask('0123456789012345.rstuvwxyzABCDEFGH').out).toBe(`${MASK}${MASK}`);
  });

  it('judges a run that reaches further left as a whole, not its shorter tail', () => {
    const { mask } = matcherOf(['ab"cdefghijklmnop']);
    expect(mask('Zab"cdefghijk').out).toBe('Zab"cdefghijk');
  });

  it('masks the longest of the runs that start at one place', () => {
    const { mask } = matcherOf(['abcd-efgh-ijkl-mnop', 'abcd-efgh']);
    expect(mask('abcd-efgh-ijkl-mnop')).toEqual({ out: MASK, count: 1 });
  });
});

describe('cut marks around a short piece', () => {
  const value = 'Meet me near the old lighthouse at dawn';
  const { mask } = matcherOf([value]);
  const piece = value.slice(5, 15);

  it('counts the start of the text as a cut', () => {
    expect(mask(piece).out).toBe(MASK);
    expect(mask(`${piece}… more`).out).toBe(`${MASK}… more`);
  });

  it('counts an ellipsis before and after', () => {
    expect(mask(`(…${piece}`).out).toBe(`(…${MASK}`);
    expect(mask(`(...${piece}`).out).toBe(`(...${MASK}`);
    expect(mask(`${piece}...)`).out).toBe(`${MASK}...)`);
    expect(mask(`...${piece}`).out).toBe(`...${MASK}`);
  });

  it('leaves a piece cut on one side only', () => {
    expect(mask(`…${piece})`).out).toBe(`…${piece})`);
    expect(mask(`(${piece}…`).out).toBe(`(${piece}…`);
    expect(mask(`(..${piece}`).out).toBe(`(..${piece}`);
    expect(mask(`${piece}..)`).out).toBe(`${piece}..)`);
  });

  it('needs no cut mark where the piece reaches the end of the value', () => {
    expect(mask('…se at dawn, ok').out).toBe(`…${MASK}, ok`);
    expect(mask('…se at dawnX').out).toBe('…se at dawnX');
  });
});

describe('spaces around a mask', () => {
  it('keeps a carriage return outside and a control character inside the marker', () => {
    expect(matcherOf(['\rcarriage return here']).mask('\rcarriage return here').out).toBe(
      `\r${MASK}`,
    );
    expect(matcherOf(['\u0001control char here']).mask('\u0001control char here').out).toBe(MASK);
  });
});

describe('keys', () => {
  it('counts a masked key each time, and a clean key never', () => {
    const { matcher } = matcherOf(['Zebulon']);
    const tally = new RedactionTally();
    expect(matcher.maskKey('plain', tally)).toBe('plain');
    expect(matcher.maskKey('plain', tally)).toBe('plain');
    expect(tally.count).toBe(0);
    expect(matcher.maskKey('Zebulon', tally)).toBe(MASK);
    expect(matcher.maskKey('Zebulon', tally)).toBe(MASK);
    expect(tally.count).toBe(2);
  });

  it('counts a key holding two values as two masks every time', () => {
    const { matcher } = matcherOf(['Zebulon', 'Quixote']);
    const counts = [1, 2].map(() => {
      const tally = new RedactionTally();
      expect(matcher.maskKey('Zebulon and Quixote', tally)).toBe(`${MASK} and ${MASK}`);
      return tally.count;
    });
    expect(counts).toEqual([2, 2]);
  });
});
