import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { CANARIES, findCanaries } from '@telegraf-otel/test-utils/e2e-canaries';
import { buildLogRecords, exportLogsOrThrow } from '@telegraf-otel/test-utils/otlp-log-sender';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';

const resource = {
  'service.name': 'leaky-bot',
  'service.version': '1.2.3',
  'deployment.environment.name': 'test',
};

// An address in another script: the collector's e-mail pattern reads letters of any script.
const LOCAL_SCRIPT_EMAIL = 'иван.канарейкин@пример.рф';

/** Records as a client without SDK-side redaction would send them. */
function plantedRecords(): Promise<ReadableLogRecord[]> {
  return buildLogRecords(resource, [
    {
      eventName: 'telegram.update.handled',
      body: `user ${CANARIES.email} paid with ${CANARIES.card}, call ${CANARIES.phone}, via /bot${CANARIES.botToken}/sendMessage, or write to ${LOCAL_SCRIPT_EMAIL}`,
      attributes: {
        'url.full': `https://api.telegram.org/bot${CANARIES.botToken}/sendMessage`,
        'telegram.contact': CANARIES.phone,
        'payment.note': `card ${CANARIES.card}`,
        'user.note': `mail me at ${CANARIES.email}`,
        'http.request.header.authorization': 'Bearer sk-live-canary',
        'telegram.update.type': 'message',
      },
    },
  ]);
}

describeWithCollector('collector redaction: defence in depth behind the SDK', () => {
  let stack: CollectorStack;

  beforeAll(async () => {
    stack = await startCollectorStack();
    await exportLogsOrThrow(stack.sender(), await plantedRecords());
    await stack.loki.waitForRecords(1);
  });
  afterAll(() => stack?.close());

  it('no canary reaches Loki, in any exported byte', () => {
    expect(stack.loki.rawBodies.length).toBeGreaterThan(0);
    expect(findCanaries(...stack.loki.rawBodies)).toEqual([]);
    expect(findCanaries(JSON.stringify(stack.loki.records))).toEqual([]);
    expect(JSON.stringify(stack.loki.records)).not.toContain('канарейкин');
  });

  it('masks in place, keeps the rest, and counts what it masked', () => {
    const [record] = stack.loki.records;
    expect(record?.body).toMatch(
      /^user \*\*\*\* paid with \*\*\*\*, call \*\*\*\*, via \/bot\*\*\*\*\/sendMessage, or write to \*\*\*\*$/,
    );
    expect(record?.attributes).toMatchObject({
      'url.full': 'https://api.telegram.org/bot****/sendMessage',
      'telegram.contact': '****',
      'http.request.header.authorization': '****',
      'telegram.update.type': 'message',
    });
    // The processor counts each attribute it masked (the body has its own counter).
    const masked = Object.entries(record?.attributes ?? {}).filter(
      ([key, value]) => !key.startsWith('redaction.') && String(value).includes('****'),
    );
    expect(masked.map(([key]) => key).sort()).toEqual([
      'http.request.header.authorization',
      'payment.note',
      'telegram.contact',
      'url.full',
      'user.note',
    ]);
    expect(record?.attributes['redaction.masked.count']).toBe(masked.length);
    expect(record?.attributes['redaction.body.masked.count']).toBe(1);
    expect(record?.attributes['redaction.masked.keys']).toBeUndefined();
  });

  it('leaves the resource Loki turns into labels intact', () => {
    expect(stack.loki.records[0]?.resource).toMatchObject(resource);
    expect(stack.loki.records[0]?.eventName).toBe('telegram.update.handled');
  });
});

describeWithCollector('collector redaction control: the processor switched off', () => {
  let control: CollectorStack;
  let overrideDir: string;

  beforeAll(async () => {
    overrideDir = await mkdtemp(join(tmpdir(), 'collector-control-'));
    // Merged over collector/config.yaml: the logs pipeline without redaction/defence.
    const override = join(overrideDir, 'no-redaction.yaml');
    await writeFile(
      override,
      'service:\n  pipelines:\n    logs:\n      processors: [memory_limiter, groupbyattrs/log_stream]\n',
    );
    control = await startCollectorStack({ configOverrides: [override] });
    await exportLogsOrThrow(control.sender(), await plantedRecords());
    await control.loki.waitForRecords(1);
  });
  afterAll(async () => {
    await control?.close();
    await rm(overrideDir, { recursive: true, force: true });
  });

  it('the same collector without redaction/defence delivers every canary to Loki', () => {
    expect(findCanaries(...control.loki.rawBodies)).toEqual(Object.keys(CANARIES));
    expect(JSON.stringify(control.loki.records)).toContain('канарейкин');
  });
});
