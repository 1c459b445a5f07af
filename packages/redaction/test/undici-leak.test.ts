import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { createRedactor } from '@telegraf-otel/redaction';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { describe, expect, it } from 'vitest';
import { CANARY, leakedCanaries } from './support/canaries.js';
import { spanProcessors } from './support/pipelines.js';

const undici = new UndiciInstrumentation();

/** A file download through global fetch, as `fetch(await telegram.getFileLink(id))` does. */
async function downloadSpans(redact: boolean): Promise<{ bytes: Uint8Array; urls: unknown[] }> {
  const memory = new InMemorySpanExporter();
  const redactor = createRedactor();
  const provider = new TracerProvider({
    spanProcessors: spanProcessors(memory, redact ? redactor : undefined),
  });
  undici.setTracerProvider(provider);
  undici.enable();
  const api = await startFakeBotApi();
  try {
    const response = await fetch(`${api.apiRoot}/file/bot${CANARY.botToken}/photos/file_1.jpg`);
    await response.arrayBuffer();
  } finally {
    undici.disable();
    await api.close();
  }
  await provider.forceFlush();
  const spans = memory.getFinishedSpans();
  return {
    bytes: ProtobufTraceSerializer.serializeRequest(spans) as Uint8Array,
    urls: spans.map((s) => s.attributes['url.full']),
  };
}

describe('instrumentation-undici (url.full, url.path) with the token in a /file/bot…/ path', () => {
  it('leaks the token without redaction', async () => {
    const { bytes, urls } = await downloadSpans(false);
    expect(urls).toHaveLength(1);
    expect(leakedCanaries(bytes)).toEqual(['botToken']);
  });

  it('exports no trace of it with redaction (pattern rule, no secret registered)', async () => {
    const { bytes, urls } = await downloadSpans(true);
    expect(urls).toEqual([
      expect.stringMatching(/\/file\/bot\[REDACTED:telegram_token\]\/photos\/file_1\.jpg$/),
    ]);
    expect(leakedCanaries(bytes)).toEqual([]);
  });
});
