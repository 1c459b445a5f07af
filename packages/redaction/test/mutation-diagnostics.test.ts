import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import type { ExportResult } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  ContentRegistry,
  createRedactor,
  defaultPolicy,
  extendPolicy,
  RedactingLogRecordProcessor,
  RedactingSpanExporter,
  RedactingSpanProcessor,
} from '@telegraf-otel/redaction';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// What the redaction says through the OpenTelemetry diagnostics when it drops something: the
// only trace an operator has of a value that never left.
let messages: string[] = [];
const record =
  (level: string) =>
  (message: string, ...args: unknown[]) =>
    messages.push(`${level} ${message}${args.length > 0 ? ` (${args.join(',')})` : ''}`);
const logger: DiagLogger = {
  error: record('error'),
  warn: record('warn'),
  info: () => {},
  debug: () => {},
  verbose: () => {},
};

beforeEach(() => {
  messages = [];
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
});
afterEach(() => diag.disable());

describe('diagnostics of dropped values', () => {
  it('names a failing rule and the secret too short to register', () => {
    const redactor = createRedactor(
      extendPolicy(defaultPolicy, {
        addRules: [
          {
            name: 'broken',
            pattern: /boom/,
            validate: () => {
              throw new RangeError('bad');
            },
          },
        ],
      }),
    );
    expect(redactor.redactString('boom')).toBe('[REDACTED:rule_error]');
    redactor.addSecret('abc');
    expect(messages).toEqual([
      'warn redaction: a rule failed, value dropped (RangeError)',
      'warn redaction: a secret shorter than 6 characters was not registered',
    ]);
  });

  it('names a value that could not be read and a failing secret source', () => {
    const redactor = createRedactor();
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('no keys');
        },
      },
    );
    expect(redactor.redactValue({ hostile })).toEqual({ hostile: '[REDACTED:rule_error]' });
    redactor.addSecretSource(() => {
      throw new Error('unreadable');
    });
    expect(messages).toEqual([
      'warn redaction: value could not be redacted and was dropped (TypeError)',
      'warn redaction: a secret source failed',
    ]);
  });

  it('warns once when the content registry forgets traces', () => {
    const registry = new ContentRegistry({ maxTraces: 1, maxBytes: 1_000, maxValuesPerTrace: 4 });
    registry.remember('a', ['value a']);
    registry.remember('b', ['value b']);
    registry.remember('c', ['value c']);
    expect(messages).toEqual([
      'warn redaction: the content registry is full; the oldest traces are masked by pattern rules only',
    ]);
  });
});

describe('diagnostics of the processors and exporters', () => {
  it('says when a span could not be redacted in place', () => {
    const memory = new InMemorySpanExporter();
    const redactor = createRedactor();
    const failing = {
      ...redactor,
      inTrace: () => {
        throw new SyntaxError('x');
      },
    };
    const provider = new TracerProvider({
      spanProcessors: [
        new RedactingSpanProcessor(failing),
        new SimpleSpanProcessor({ exporter: memory }),
      ],
    });
    provider.getTracer('t').startSpan('op').end();
    expect(messages).toEqual([
      'warn redaction: span could not be redacted in place; its values were dropped (SyntaxError)',
    ]);
    // Nothing had a status message: it stays without one.
    expect(memory.getFinishedSpans()[0]?.status.message).toBeUndefined();
  });

  it('says when a log record could not be redacted', () => {
    const memory = new InMemoryLogRecordExporter();
    const redactor = createRedactor();
    const failing = {
      ...redactor,
      inTrace: () => {
        throw new SyntaxError('x');
      },
    };
    const provider = new LoggerProvider({
      processors: [
        new RedactingLogRecordProcessor(failing),
        new SimpleLogRecordProcessor({ exporter: memory }),
      ],
    });
    provider.getLogger('t').emit({ body: 'hello', attributes: { a: 'b' } });
    expect(messages).toEqual([
      'warn redaction: log record could not be redacted; its values were dropped (SyntaxError)',
    ]);
    expect(memory.getFinishedLogRecords()[0]?.body).toBe('[REDACTED:rule_error]');
  });

  it('says when a record was dropped from an export, and when a result callback threw', async () => {
    const source = new InMemorySpanExporter();
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 's' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: source })],
    });
    provider.getTracer('t').startSpan('op').end();
    await provider.forceFlush();
    const [span] = source.getFinishedSpans() as [ReadableSpan];
    const broken = new Proxy(span, {
      get(target, property) {
        if (property === 'attributes') throw new TypeError('unreadable');
        return Reflect.get(target, property, target);
      },
    });
    const wrapper = new RedactingSpanExporter(
      {
        // A wrapped exporter that throws: the failure goes to a result callback that throws too.
        export: (_spans: ReadableSpan[], _done: (result: ExportResult) => void) => {
          throw new SyntaxError('exporter');
        },
        shutdown: () => Promise.resolve(),
      },
      createRedactor(),
    );
    wrapper.export([broken], () => {
      throw new RangeError('callback');
    });
    await wrapper.forceFlush();
    expect(messages).toEqual([
      'warn redaction: a record could not be redacted and was dropped (TypeError)',
      'error redaction: an export result callback threw (RangeError)',
    ]);
  });
});
