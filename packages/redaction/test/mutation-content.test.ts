import type { HrTime } from '@opentelemetry/api';
import { ContentRegistry, createRedactor, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// The thresholds of per-trace content masking at their exact edges, and the registry's bookkeeping.
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const MASK = '[REDACTED:trace_content]';

function inTrace(values: string[]) {
  const redactor = createRedactor();
  redactor.content.remember(TRACE, values);
  const mask = (text: string) => {
    const tally = new RedactionTally();
    const out = redactor.inTrace(TRACE, () => redactor.redactString(text, tally));
    return { out, count: tally.count };
  };
  return { redactor, mask };
}

describe('whole values', () => {
  const { mask } = inTrace(['Anna', 'Bob', '@zed!', '    ']);

  it('masks a value of exactly four characters, counted once per occurrence', () => {
    expect(mask('Anna and Anna')).toEqual({ out: `${MASK} and ${MASK}`, count: 2 });
    expect(mask('Anna')).toEqual({ out: MASK, count: 1 });
  });

  it('leaves a three-character value and a value without letters or digits alone', () => {
    expect(mask('Bob and     spaces')).toEqual({ out: 'Bob and     spaces', count: 0 });
  });

  it('does not mask a value continued by a word on either side', () => {
    for (const text of ['Annas', 'xAnna', '_Anna', 'Anna9']) {
      expect(mask(text).out).toBe(text);
    }
  });

  it('masks a value whose edges are no word characters even inside a word', () => {
    expect(mask('a@zed!b').out).toBe(`a${MASK}b`);
  });
});

describe('pieces of a value', () => {
  const value = 'Meet me near the old lighthouse at dawn';
  const { mask } = inTrace([value]);

  it('masks a cut-off start of exactly eight characters at the end of the text', () => {
    // 'Meet me ': the space is part of the eight, and stays readable outside the marker.
    expect(mask(`said: ${value.slice(0, 8)}`).out).toBe(`said: ${MASK} `);
  });

  it('leaves a cut-off start of seven characters', () => {
    const text = `said: ${value.slice(0, 7)}`;
    expect(mask(text).out).toBe(text);
  });

  it('masks a piece cut on both sides next to quotes, and the rest of a value after an ellipsis', () => {
    expect(mask(`x "${value.slice(5, 15)}" y`).out).toBe(`x "${MASK}" y`);
    expect(mask(`x '${value.slice(5, 15)}' y`).out).toBe(`x '${MASK}' y`);
    expect(mask(`…${value.slice(21)}`).out).toBe(`…${MASK}`);
    expect(mask(`...${value.slice(21)}; ok`).out).toBe(`...${MASK}; ok`);
  });

  it('leaves a piece of 8 to 15 characters that was not visibly cut', () => {
    // Brackets, not spaces, around it: the value's own spaces would make the run longer.
    const piece = value.slice(8, 23);
    expect(piece).toHaveLength(15);
    expect(mask(`(${piece})`).out).toBe(`(${piece})`);
  });

  it('masks a piece of exactly sixteen characters anywhere', () => {
    const piece = value.slice(8, 24);
    expect(piece).toHaveLength(16);
    expect(mask(`(${piece})`).out).toBe(`(${MASK})`);
  });

  it('keeps the spaces around a masked piece outside the marker', () => {
    expect(mask(`[${value.slice(4, 21)}]`).out).toBe(`[ ${MASK} ]`);
  });

  it('needs four letters or digits in a piece', () => {
    const { mask: maskDots } = inTrace(['ab ........................ cd']);
    const text = `x ${'.'.repeat(20)} y`;
    expect(maskDots(text).out).toBe(text);
  });

  it('masks the longest run when a value repeats a window', () => {
    const { mask: maskRepeats } = inTrace(['abab abab abab abab']);
    expect(maskRepeats('>abab abab abab abab<').out).toBe(`>${MASK}<`);
  });
});

describe('numbers and keys in a trace', () => {
  const { redactor } = inTrace(['424242', 'Zebulon']);

  it('masks a number equal to a value, and only in its trace', () => {
    const tally = new RedactionTally();
    expect(redactor.inTrace(TRACE, () => redactor.redactValue([424242, 4242, 1.5], tally))).toEqual(
      [MASK, 4242, 1.5],
    );
    expect(tally.ruleNames()).toEqual(['trace_content']);
    expect(redactor.inTrace(undefined, () => redactor.redactValue(424242))).toBe(424242);
  });

  it('masks a key in a snapshot each time it is met, counting each', () => {
    const tally = new RedactionTally();
    const out = redactor.inTrace(TRACE, () => {
      redactor.snapshotValue({ Zebulon: 1 }, tally);
      return redactor.snapshotValue({ Zebulon: 2 }, tally);
    });
    expect(out).toEqual({ [MASK]: 2 });
    expect(tally.count).toBe(2);
  });

  it('masks a clean string remembered as clean once it is in a trace', () => {
    expect(redactor.redactString('hi Zebulon')).toBe('hi Zebulon');
    expect(redactor.inTrace(TRACE, () => redactor.redactString('hi Zebulon'))).toBe(`hi ${MASK}`);
  });

  it('masks a value used as a key whole, also when a pattern matches inside it', () => {
    const { redactor: withPhone } = inTrace(['Ann Example, +44 20 7946 0958']);
    const tally = new RedactionTally();
    const out = withPhone.inTrace(TRACE, () =>
      withPhone.snapshotValue(
        { 'Ann Example, +44 20 7946 0958': 1, 'call +1 415 555 2671': 2 },
        tally,
      ),
    );
    // Before: the phone rule masked the key first and left the name for the content match to miss.
    expect(out).toEqual({ [MASK]: 1, 'call [REDACTED:phone_number]': 2 });
    expect(tally.ruleNames().sort()).toEqual(['phone_number', 'trace_content']);
  });

  it('restores the outer trace after a nested one', () => {
    const out = redactor.inTrace(TRACE, () => {
      const inner = redactor.inTrace('other', () => redactor.redactString('Zebulon'));
      return [inner, redactor.redactString('Zebulon')];
    });
    expect(out).toEqual(['Zebulon', MASK]);
  });
});

describe('content registry bookkeeping', () => {
  it('ignores calls without values, and non-string values', () => {
    const registry = new ContentRegistry();
    registry.remember(TRACE, []);
    registry.remember(undefined as never, ['value one']);
    expect(registry.size).toBe(0);
    registry.remember(TRACE, [42 as never, 'value one']);
    expect(registry.matcher(TRACE)?.size).toBe(1);
    expect(registry.matcher(undefined)).toBeUndefined();
  });

  it('masks values remembered after the trace was first used', () => {
    const { redactor, mask } = inTrace(['first value']);
    expect(mask('first value, second value').out).toBe(`${MASK}, second value`);
    redactor.content.remember(TRACE, ['second value']);
    expect(mask('first value, second value').out).toBe(`${MASK}, ${MASK}`);
  });

  it('keeps a trace that is finished until every exporter is past it', () => {
    const registry = new ContentRegistry();
    const exporter = registry.watermark();
    registry.remember(TRACE, ['value one']);
    registry.finish(TRACE);
    registry.finish(TRACE);
    exporter.exported([undefined]);
    expect(registry.size).toBe(1);
    exporter.flushed(0);
    expect(registry.size).toBe(1);
    exporter.flushed(Date.now() + 1_000);
    expect(registry.size).toBe(0);
  });

  it('releases a finished trace at once when no exporter is registered', () => {
    const registry = new ContentRegistry();
    registry.remember(TRACE, ['value one']);
    registry.finish('unknown');
    expect(registry.size).toBe(1);
    registry.finish(TRACE);
    expect(registry.size).toBe(0);
  });

  it('releases only finished traces; one finished after the watermark waits for the next export', () => {
    const registry = new ContentRegistry();
    const exporter = registry.watermark();
    const future: HrTime = [Math.floor(Date.now() / 1000) + 5, 0];
    registry.remember('a', ['value a']);
    registry.remember('b', ['value b']);
    registry.finish('a');
    exporter.exported([future]);
    expect(registry.matcher('a')).toBeUndefined();
    expect(registry.matcher('b')?.size).toBe(1);
    // A record dated in the future marks only the present: 'b' finished later, and its records
    // may still be queued.
    registry.finish('b');
    expect(registry.matcher('b')?.size).toBe(1);
    exporter.exported([future]);
    expect(registry.size).toBe(0);
  });

  it('forgets the oldest traces first when over its limits', () => {
    const registry = new ContentRegistry({ maxTraces: 2, maxBytes: 1_000, maxValuesPerTrace: 2 });
    registry.remember('a', ['value a']);
    registry.remember('b', ['value b']);
    registry.remember('c', ['value c']);
    expect(registry.matcher('a')).toBeUndefined();
    expect(registry.matcher('b')?.size).toBe(1);
    expect(registry.matcher('c')?.size).toBe(1);
    // 'value b' and 'value c' hold 28 bytes; at exactly the limit nothing more goes.
    const tight = new ContentRegistry({ maxTraces: 9, maxBytes: 28, maxValuesPerTrace: 2 });
    tight.remember('b', ['value b']);
    tight.remember('c', ['value c']);
    expect(tight.size).toBe(2);
    tight.remember('d', ['x']);
    expect(tight.size).toBe(2);
    expect(tight.matcher('b')).toBeUndefined();
  });
});

describe('word edges of remembered values', () => {
  // A value is not masked inside a longer word: the characters that continue a word are exactly
  // ASCII letters, digits and `_`, and letters or digits of any script.
  const { mask } = inTrace(['Quux']);

  it.each(['0', '9', 'A', 'Z', 'a', 'z', '_', 'é', '٣'])('"%s" continues a word', (c) => {
    expect(mask(`${c}Quux`).out).toBe(`${c}Quux`);
    expect(mask(`Quux${c}`).out).toBe(`Quux${c}`);
  });

  it.each(['/', ':', '@', '[', '`', '{', '\u007f', ' ', '-', '€'])('"%s" does not', (c) => {
    expect(mask(`${c}Quux${c}`).out).toBe(`${c}${MASK}${c}`);
  });

  it('counts letters and digits of any script as significant in a piece', () => {
    const { mask: maskScript } = inTrace(['ΑΒΓΔΕΖΗΘ and more text']);
    expect(maskScript('ΑΒΓΔΕΖΗΘ…').out).toBe(`${MASK}…`);
    const { mask: maskDigits } = inTrace(['09AZaz-- and more text']);
    expect(maskDigits('(09AZaz-- and…').out).toBe(`(${MASK}…`);
  });

  it('trims tabs, line breaks and no-break spaces around a piece, and nothing else', () => {
    const value = 'x\tline one\r\nline two\u00a0y';
    const { mask: maskSpaces } = inTrace([value]);
    expect(maskSpaces(`>${value.slice(1, -1)}<`).out).toBe(`>\t${MASK}\u00a0<`);
    const { mask: maskOther } = inTrace(['.\u000bstops here at the dot.']);
    expect(maskOther('…\u000bstops here at the dot').out).toBe(`…\u000b${MASK}`);
  });
});
