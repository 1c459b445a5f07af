import { SeverityNumber } from '@opentelemetry/api';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemoryLogRecordExporter,
  LoggerProvider,
  type LogRecordProcessor,
  type ReadableLogRecord,
  SimpleLogRecordProcessor,
} from '@opentelemetry/sdk-logs';
import { RedactingLogRecordExporter, RedactingLogRecordProcessor } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { countersFor } from './support/expected-counters.js';
import { FlushingSimpleLogRecordProcessor, newRedactor } from './support/pipelines.js';

const resource = resourceFromAttributes({
  'service.name': 'canary-bot',
  'deployment.secret_ref': CANARY.webhookSecret,
});

async function emitRecord(processors: LogRecordProcessor[]): Promise<void> {
  const provider = new LoggerProvider({ resource, processors });
  const logger = provider.getLogger('app', '1.0.0', {
    attributes: { 'scope.owner': CANARY.email },
  });
  logger.emit({
    severityNumber: SeverityNumber.ERROR,
    eventName: 'app.failed',
    body: {
      text: `hello ${CANARY.email}`,
      nested: [
        { token: 'abc' },
        { deeper: { url: `https://api.telegram.org/bot${CANARY.botToken}/getMe` } },
      ],
    },
    attributes: {
      'user.phone': CANARY.phone,
      'app.url': 'https://admin:hunter2@db.example.com/app',
      'telegram.update.id': 123456789,
    },
    exception: new Error(`charge failed for ${CANARY.card}`),
  });
  await provider.forceFlush();
}

/** Every kind of secret emitRecord() plants in the record itself, by the rule that masks it. */
const PLANTED_RULES = 'email,payment_card,sensitive_key,telegram_token,url_credentials';

/** The record's counters describe the masks it shows (one per masked value) and every planted kind. */
function expectCountersOfMasks(record: ReadableLogRecord | undefined): void {
  const counters = countersFor(record?.body, record?.attributes);
  expect(counters['redaction.masked.rules']).toBe(PLANTED_RULES);
  expect(record?.attributes).toMatchObject(counters);
}

describe('RedactingLogRecordProcessor (onEmit, in place)', () => {
  it('redacts the nested body and the attributes and records the counters', async () => {
    const memory = new InMemoryLogRecordExporter();
    await emitRecord([
      new RedactingLogRecordProcessor(newRedactor(CANARY.webhookSecret)),
      new SimpleLogRecordProcessor({ exporter: memory }),
    ]);
    const [record] = memory.getFinishedLogRecords();
    expect(record?.body).toEqual({
      text: 'hello [REDACTED:email]',
      nested: [
        { token: '[REDACTED:sensitive_key]' },
        { deeper: { url: 'https://api.telegram.org/bot[REDACTED:telegram_token]/getMe' } },
      ],
    });
    expect(record?.attributes).toMatchObject({
      'user.phone': '[REDACTED:sensitive_key]',
      'app.url': 'https://[REDACTED:url_credentials]@db.example.com/app',
      'telegram.update.id': 123456789,
      'exception.message': 'charge failed for [REDACTED:payment_card]',
    });
    expectCountersOfMasks(record);
    expect(record?.attributes['exception.stacktrace']).toMatch(
      /^Error: charge failed for \[REDACTED:payment_card\]\n/,
    );
  });

  it('must come before the exporting processor: registered after it, it is too late', async () => {
    const memory = new InMemoryLogRecordExporter();
    await emitRecord([
      new SimpleLogRecordProcessor({ exporter: memory }),
      new RedactingLogRecordProcessor(newRedactor(CANARY.webhookSecret)),
    ]);
    expect(
      leakedCanaries(
        ProtobufLogsSerializer.serializeRequest(memory.getFinishedLogRecords()) as Uint8Array,
      ),
    ).not.toEqual([]);
  });
});

describe('RedactingLogRecordExporter (redacted copies)', () => {
  it('covers body, attributes, resource and scope; the OTLP bytes hold no canary', async () => {
    const memory = new InMemoryLogRecordExporter();
    await emitRecord([
      new FlushingSimpleLogRecordProcessor(
        new RedactingLogRecordExporter(memory, newRedactor(CANARY.webhookSecret)),
      ),
    ]);
    const records = memory.getFinishedLogRecords();
    expectCountersOfMasks(records[0]);
    expect(records[0]?.resource.attributes['deployment.secret_ref']).toBe(
      '[REDACTED:sensitive_key]',
    );
    expect(records[0]?.instrumentationScope).toMatchObject({
      name: 'app',
      attributes: { 'scope.owner': '[REDACTED:email]' },
    });
    expect(leakedCanaries(ProtobufLogsSerializer.serializeRequest(records) as Uint8Array)).toEqual(
      [],
    );
    expect(leakedCanaries(JsonLogsSerializer.serializeRequest(records) as Uint8Array)).toEqual([]);
  });

  it('is shown to matter: without redaction the same bytes hold the canaries', async () => {
    const memory = new InMemoryLogRecordExporter();
    await emitRecord([new SimpleLogRecordProcessor({ exporter: memory })]);
    const bytes = ProtobufLogsSerializer.serializeRequest(
      memory.getFinishedLogRecords(),
    ) as Uint8Array;
    expect(leakedCanaries(bytes).sort()).toEqual([
      'botToken',
      'card',
      'email',
      'phone',
      'webhookSecret',
    ]);
  });
});
