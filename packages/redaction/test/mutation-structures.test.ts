import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import { createRedactor, RedactingSpanExporter, RedactionTally } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// Copies, keys and trace state: where the structure around a value is what changes.
const SECRET = 'Zq7vLx2PmN9wRt4K';
const MARK = '[REDACTED:known_secret]';
const redactor = createRedactor();
redactor.addSecret(SECRET);

describe('copies', () => {
  it('keeps every entry, in order, around the first one that changed', () => {
    const out = redactor.redactValue({ a: 1, b: SECRET, c: [2], d: 'x' }) as object;
    expect(Object.entries(out)).toEqual([
      ['a', 1],
      ['b', MARK],
      ['c', [2]],
      ['d', 'x'],
    ]);
  });

  it('keeps the untouched elements of an array that changed', () => {
    expect(redactor.redactValue(['a', 'b', SECRET, 'c'])).toEqual(['a', 'b', MARK, 'c']);
  });

  it('copies every map and array into a snapshot, even when nothing changed', () => {
    const inner = { list: ['a'], n: 1 };
    const value = { inner, list: [inner] };
    const copy = redactor.snapshotValue(value) as typeof value;
    expect(copy).toEqual(value);
    expect(copy).not.toBe(value);
    expect(copy.inner).not.toBe(inner);
    expect(copy.inner.list).not.toBe(inner.list);
    expect(copy.list).not.toBe(value.list);
    // Outside a snapshot the same value is returned as it is.
    expect(redactor.redactValue(value)).toBe(value);
  });

  it('turns a Map into a plain object, its keys into strings', () => {
    const out = redactor.redactValue(
      new Map<unknown, unknown>([
        [1, 'a'],
        ['k', SECRET],
      ]),
    );
    expect(out).toEqual({ 1: 'a', k: MARK });
    expect(redactor.redactValue(new Map([['a', 'b']]))).toEqual({ a: 'b' });
  });

  it('copies an error with its name, message, stack and own fields', () => {
    const error = Object.assign(new TypeError(`bad ${SECRET}`), { code: 'E1' });
    const out = redactor.redactValue(error) as Record<string, unknown>;
    expect(out.name).toBe('TypeError');
    expect(out.message).toBe(`bad ${MARK}`);
    expect(out.code).toBe('E1');
    expect(String(out.stack)).toContain(`TypeError: bad ${MARK}`);
    expect(String(out.stack)).not.toContain(SECRET);
  });

  it('returns empty attributes for something that is no map', () => {
    expect(redactor.redactAttributes(null as never)).toEqual({});
    expect(redactor.redactAttributes('text' as never)).toEqual({});
  });

  it('records an unreadable entry and keeps the others', () => {
    const value = {
      ok: 'fine',
      get broken(): string {
        throw new Error('no');
      },
    };
    const tally = new RedactionTally();
    expect(redactor.redactValue(value, tally)).toEqual({
      ok: 'fine',
      broken: '[REDACTED:unreadable]',
    });
    expect(tally.ruleNames()).toEqual(['unreadable']);
  });
});

describe('keys', () => {
  it('masks a secret in a key and judges the rest of the key', () => {
    const tally = new RedactionTally();
    const out = redactor.redactAttributes(
      { [`${SECRET}_token`]: 'v', [`${SECRET}_x`]: 'w' },
      tally,
    );
    expect(out).toEqual({
      [`${MARK}_token`]: '[REDACTED:sensitive_key]',
      [`${MARK}_x`]: 'w',
    });
    expect(tally.count).toBe(3);
    expect(tally.ruleNames()).toEqual(['known_secret', 'sensitive_key']);
  });

  it('judges a key the same way on a second pass over redacted output', () => {
    const once = redactor.redactAttributes({ [`${SECRET}_token`]: 'v' });
    const tally = new RedactionTally();
    expect(redactor.redactAttributes(once, tally)).toBe(once);
    expect(tally.count).toBe(0);
  });

  it('does not call a key with a marker in it sensitive for the marker’s own words', () => {
    // `known_secret` in the marker holds "secret": only the key's own text counts.
    const out = redactor.redactAttributes({ [`app.${SECRET}`]: 'v' });
    expect(out).toEqual({ [`app.${MARK}`]: 'v' });
  });

  it('stays correct past its key cache size', () => {
    const many: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) many[`key.${i}`] = i;
    expect(redactor.redactAttributes(many)).toBe(many);
    expect(redactor.redactAttributes({ 'key.1': 1, password: 'x' })).toEqual({
      'key.1': 1,
      password: '[REDACTED:sensitive_key]',
    });
  });
});

describe('trace state', () => {
  async function exportedChild(traceState: string): Promise<ReadableSpan> {
    const memory = new InMemorySpanExporter();
    const provider = new TracerProvider({
      spanProcessors: [
        new SimpleSpanProcessor({ exporter: new RedactingSpanExporter(memory, redactor) }),
      ],
    });
    const parent = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: 1,
      traceState: new TraceState(traceState),
    });
    const tracer = provider.getTracer('t');
    const linked = tracer.startSpan('linked', {}, parent);
    linked.end();
    tracer.startSpan('child', { links: [{ context: linked.spanContext() }] }, parent).end();
    await provider.forceFlush();
    return memory.getFinishedSpans().find((span) => span.name === 'child') as ReadableSpan;
  }

  it('masks a secret value and keeps the other entries', async () => {
    const span = await exportedChild(`vendor=${SECRET},other=ok`);
    expect(span.spanContext().traceState?.serialize()).toBe(`vendor=${MARK},other=ok`);
    expect(span.links[0]?.context.traceState?.serialize()).toBe(`vendor=${MARK},other=ok`);
    expect(span.attributes).toEqual({
      'redaction.masked.count': 2,
      'redaction.masked.rules': 'known_secret',
    });
  });

  it('drops an entry whose key held the secret, and the trace state when nothing is left', async () => {
    const key = SECRET.toLowerCase();
    expect((await exportedChild(`${key}=v,other=ok`)).spanContext().traceState?.serialize()).toBe(
      'other=ok',
    );
    expect((await exportedChild(`${key}=v`)).spanContext().traceState).toBeUndefined();
  });

  it('masks a pattern in a value, and keeps a clean trace state as it is', async () => {
    const span = await exportedChild('vendor=user@example.com');
    expect(span.spanContext().traceState?.serialize()).toBe('vendor=[REDACTED:email]');
    const clean = await exportedChild('vendor=abc,other=ok');
    expect(clean.spanContext().traceState?.serialize()).toBe('vendor=abc,other=ok');
  });
});
