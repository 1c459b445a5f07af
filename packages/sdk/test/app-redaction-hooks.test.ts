import { trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTelemetry } from '@telegraf-otel/sdk';
import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { Telegraf } from 'telegraf';
import { describe, expect, it, vi } from 'vitest';

const TEXT = 'meet me at the old mill tonight';

describe("the app's own redaction hooks (options.telegraf)", () => {
  it('are called as well as the SDK’s: the app still gets the update content, the export is still masked', async () => {
    const api = await startFakeBotApi();
    const remembered: string[] = [];
    const finished: string[] = [];
    const spans = new InMemorySpanExporter();
    const handle = startTelemetry({
      exporters: { spans, logs: new InMemoryLogRecordExporter() },
      pseudonymKey: 'app-hooks-test-key-0123456789abcdefghijkl',
      handleSignals: false,
      scheduledDelayMillis: 20,
      telegraf: {
        updateContent: {
          remember: (traceId, values) => {
            remembered.push(traceId, ...values);
            throw new Error('a failing app hook changes nothing for the SDK');
          },
          finish: (traceId) => finished.push(traceId),
        },
      },
    });
    try {
      const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
      bot.on('text', (ctx) => {
        trace.getActiveSpan()?.setAttribute('app.echo', ctx.message.text);
      });
      await bot.handleUpdate(textMessage(TEXT));
      await vi.waitFor(() => expect(spans.getFinishedSpans().length).toBeGreaterThan(0));
      const update = spans.getFinishedSpans().find((s) => s.name.startsWith('telegram.update'));
      expect(remembered).toContain(TEXT);
      expect(finished).toEqual([update?.spanContext().traceId]);
      expect(remembered[0]).toBe(update?.spanContext().traceId);
      expect(update?.attributes['app.echo']).toBe('[REDACTED:trace_content]');
    } finally {
      await handle.shutdown();
      await api.close();
    }
  });
});
