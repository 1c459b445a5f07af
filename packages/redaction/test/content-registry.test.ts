import {
  CONTENT_THRESHOLDS,
  ContentRegistry,
  createRedactor,
  defaultPolicy,
  extendPolicy,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const OTHER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const MASK = '[REDACTED:trace_content]';

function redactorWith(values: string[]) {
  const redactor = createRedactor();
  redactor.content.remember(TRACE, values);
  return {
    redactor,
    mask: (text: string, traceId = TRACE) =>
      redactor.inTrace(traceId, () => redactor.redactString(text)),
  };
}

describe('content-aware masking thresholds', () => {
  const { mask, redactor } = redactorWith([
    'Smith',
    'ok',
    'Ann',
    'telegram bot help please',
    'Meet me near the old lighthouse at dawn',
    '987650123',
  ]);

  it('masks a whole value of at least minWhole characters, at word boundaries only', () => {
    expect(CONTENT_THRESHOLDS.minWhole).toBe(4);
    expect(mask('hello Mr Smith.')).toBe(`hello Mr ${MASK}.`);
    expect(mask('Smithson & Co')).toBe('Smithson & Co');
    expect(mask('user 987650123 wrote')).toBe(`user ${MASK} wrote`);
    expect(mask('order 19876501234')).toBe('order 19876501234');
  });

  it('leaves shorter values alone, so short common words do not wipe out records', () => {
    expect(mask('ok: handled for Ann')).toBe('ok: handled for Ann');
  });

  it('masks a piece of at least minCut characters only where it was visibly cut', () => {
    const cut = 'Meet me near the ol';
    expect(mask(`preview: ${cut}…`)).toBe(`preview: ${MASK}…`);
    expect(mask(`preview: ${cut}...`)).toBe(`preview: ${MASK}...`);
    expect(mask(`Unexpected token 'M', "Meet me ne"... is not valid JSON`)).toBe(
      `Unexpected token 'M', "${MASK}"... is not valid JSON`,
    );
    expect(mask(`tail: ${cut}`)).toBe(`tail: ${MASK}`);
    // The same opening words inside other text are not a cut value.
    expect(mask('telegram.update message')).toBe('telegram.update message');
    expect(mask('Meet me at 5')).toBe('Meet me at 5');
  });

  it('masks a piece of at least minFragment characters wherever it occurs', () => {
    const inner = 'near the old lighthouse';
    expect(inner.length).toBeGreaterThanOrEqual(CONTENT_THRESHOLDS.minFragment);
    expect(mask(`they said ${inner} today`)).toBe(`they said ${MASK} today`);
  });

  it('masks numbers equal to a value, and nothing in other traces', () => {
    const out = redactor.inTrace(TRACE, () => redactor.redactValue({ from: { uid: 987650123 } }));
    expect(out).toEqual({ from: { uid: MASK } });
    expect(mask('hello Mr Smith.', OTHER_TRACE)).toBe('hello Mr Smith.');
    expect(redactor.redactString('hello Mr Smith.')).toBe('hello Mr Smith.');
  });

  it('masks a value used as a key in a log body or nested map, not in attribute names', () => {
    const body = redactor.inTrace(TRACE, () => redactor.snapshotValue({ Smith: 1 }));
    expect(body).toEqual({ [MASK]: 1 });
    const nested = redactor.inTrace(TRACE, () => redactor.redactValue({ scores: { Smith: 1 } }));
    expect(nested).toEqual({ scores: { [MASK]: 1 } });
    const attributes = redactor.inTrace(TRACE, () => redactor.redactAttributes({ Smith: 1 }));
    expect(attributes).toEqual({ Smith: 1 });
  });

  it('stays linear on repetitive values (a run of one character)', () => {
    const { mask: maskRuns } = redactorWith([`x${' '.repeat(4000)}`]);
    const text = ' '.repeat(8_000);
    expect(maskRuns(text)).toBe(text);
  });
});

describe('content registry memory', () => {
  it('releases a finished trace once every exporter handed on a later record or flushed', () => {
    const registry = new ContentRegistry();
    const spans = registry.watermark();
    const logRecords = registry.watermark();
    registry.remember(TRACE, ['Zebulon Quixley']);
    registry.finish(TRACE);
    expect(registry.size).toBe(1);
    const later = Date.now() + 60_000;
    spans.exported([[Math.floor(later / 1000), 0]]);
    expect(registry.size).toBe(1); // the log exporter may still hold the trace's records
    logRecords.flushed(later);
    expect(registry.size).toBe(0);
  });

  it('never holds more than maxTraces traces or maxBytes bytes', () => {
    const registry = new ContentRegistry({ maxTraces: 3, maxBytes: 1_000, maxValuesPerTrace: 4 });
    for (let i = 0; i < 10; i++) registry.remember(`trace-${i}`, [`value number ${i}`]);
    expect(registry.size).toBe(3);
    expect(registry.matcher('trace-9')?.size).toBe(1);
    expect(registry.matcher('trace-0')).toBeUndefined();
    registry.remember('big', ['x'.repeat(2_000)]);
    expect(registry.matcher('big')).toBeUndefined();
    registry.remember('many', ['aaaaa', 'bbbbb', 'ccccc', 'ddddd', 'eeeee', 'fffff']);
    expect(registry.matcher('many')?.size).toBe(4);
  });

  it('takes its limits from the policy', () => {
    const policy = extendPolicy(defaultPolicy, {});
    expect(policy.contentLimits).toEqual(defaultPolicy.contentLimits);
    const redactor = createRedactor({
      ...policy,
      contentLimits: { maxTraces: 1, maxBytes: 1 << 20, maxValuesPerTrace: 8 },
    });
    redactor.content.remember('a', ['first value']);
    redactor.content.remember('b', ['second value']);
    expect(redactor.content.size).toBe(1);
  });
});
