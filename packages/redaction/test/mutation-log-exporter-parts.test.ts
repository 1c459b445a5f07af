import { SeverityNumber } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider } from '@opentelemetry/sdk-logs';
import { createRedactor, RedactingLogRecordExporter } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { FlushingSimpleLogRecordProcessor } from './support/pipelines.js';

async function exportOne(resourceAttributes: Record<string, string>) {
  const memory = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(resourceAttributes),
    processors: [
      new FlushingSimpleLogRecordProcessor(
        new RedactingLogRecordExporter(memory, createRedactor()),
      ),
    ],
  });
  provider.getLogger('app').emit({
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    eventName: 'app.ready',
    body: 'clean text',
    attributes: { 'app.step': 'start' },
  });
  await provider.forceFlush();
  return memory.getFinishedLogRecords()[0];
}

describe('RedactingLogRecordExporter with a record that needs no mask', () => {
  it('still masks a secret held only by the resource', async () => {
    const record = await exportOne({ 'service.name': 'bot', 'owner.contact': 'ops@example.com' });
    expect(record?.resource.attributes['owner.contact']).toBe('[REDACTED:email]');
    expect(record?.body).toBe('clean text');
    expect(record?.attributes).toEqual({ 'app.step': 'start' });
  });

  it('keeps a clean record with a clean resource as it is', async () => {
    const record = await exportOne({ 'service.name': 'bot' });
    expect(record?.resource.attributes).toEqual({ 'service.name': 'bot' });
    expect(record?.attributes).toEqual({ 'app.step': 'start' });
    expect(record?.eventName).toBe('app.ready');
    expect(record?.severityText).toBe('INFO');
  });
});
