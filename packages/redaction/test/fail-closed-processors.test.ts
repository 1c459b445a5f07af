import { SpanStatusCode } from '@opentelemetry/api';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  ContentRegistry,
  RedactingLogRecordProcessor,
  RedactingSpanProcessor,
  type Redactor,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';

const bug = (): never => {
  throw new Error('redactor bug');
};
/** A redactor with a bug in every method: the processors must still pass nothing on raw. */
const brokenRedactor: Redactor = {
  addSecret: bug,
  redactString: bug,
  redactValue: bug,
  redactAttributes: bug,
  snapshotValue: bug,
  inTrace: bug,
  content: new ContentRegistry(),
  isRuleName: bug,
  addSecretSource: bug,
  pollSecretSources: bug,
  generation: 0,
};

const RULE_ERROR = '[REDACTED:rule_error]';

// The processors alone, before a bare exporter (the exporter wrappers are tested on their own).
describe('processors fail closed when redaction itself fails', () => {
  it('RedactingSpanProcessor drops name, attribute values, events, links and status message', () => {
    const memory = new InMemorySpanExporter();
    const tracer = new TracerProvider({
      spanProcessors: [
        new RedactingSpanProcessor(brokenRedactor),
        new SimpleSpanProcessor({ exporter: memory }),
      ],
    }).getTracer('t');
    const linked = tracer.startSpan('linked');
    linked.end();
    const span = tracer.startSpan(`GET ${CANARY.email}`, {
      attributes: { note: CANARY.botToken },
      links: [{ context: linked.spanContext(), attributes: { peer: CANARY.phone } }],
    });
    span.addEvent('e', { detail: CANARY.webhookSecret });
    span.setStatus({ code: SpanStatusCode.ERROR, message: CANARY.card });
    span.end();
    const exported = memory.getFinishedSpans()[1];
    expect(exported?.name).toBe(RULE_ERROR);
    expect(exported?.attributes).toEqual({ note: RULE_ERROR });
    expect(exported?.events).toEqual([]);
    expect(exported?.links).toEqual([]);
    expect(exported?.status).toEqual({ code: SpanStatusCode.ERROR, message: RULE_ERROR });
  });

  it('RedactingLogRecordProcessor drops the body and every attribute value', () => {
    const memory = new InMemoryLogRecordExporter();
    new LoggerProvider({
      processors: [
        new RedactingLogRecordProcessor(brokenRedactor),
        new SimpleLogRecordProcessor({ exporter: memory }),
      ],
    })
      .getLogger('t')
      .emit({
        body: { text: CANARY.email },
        attributes: { token: CANARY.botToken, contact: CANARY.phone },
      });
    const [record] = memory.getFinishedLogRecords();
    expect(record?.body).toBe(RULE_ERROR);
    expect(record?.attributes).toEqual({ token: RULE_ERROR, contact: RULE_ERROR });
    expect(leakedCanaries(JSON.stringify(record?.attributes))).toEqual([]);
  });
});
