import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logs, trace } from '@opentelemetry/api';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { startTelemetry } from '@telegraf-otel/sdk';
import { afterAll, describe, expect, it, vi } from 'vitest';

const BOT_TOKEN = '5550007777:AAHinjectedEXPORTERtoken_0123456789ab';
const EMAIL = 'injected.canary@example.com';
const PSEUDONYM_KEY = 'injected-exporter-test-key-0123456789abcdef';

const ignore = () => {};
const silent = { error: ignore, warn: ignore, info: ignore, debug: ignore, verbose: ignore };

let dir: string | undefined;
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

/** A span and a log record carrying the (registered) token, an e-mail and a Telegram user, as a careless app writes them. */
function emitCanaries(): void {
  trace
    .getTracer('app')
    .startSpan(`notify ${EMAIL}`, {
      attributes: {
        'telegram.user.hash': BOT_TOKEN,
        'app.url': `https://api.telegram.org/bot${BOT_TOKEN}/getMe`,
      },
    })
    .end();
  logs.getLogger('app').emit({
    body: `token ${BOT_TOKEN} for ${EMAIL}`,
    attributes: { 'app.from': { id: 42, is_bot: false, first_name: 'Ada' } },
  });
}

describe('startTelemetry({ exporters }): injected exporters receive redacted records only', () => {
  it('an injected span and log exporter get every record, redacted', async () => {
    const spans = new InMemorySpanExporter();
    const logRecords = new InMemoryLogRecordExporter();
    const started: string[] = [];
    const handle = startTelemetry({
      exporters: { spans, logs: logRecords },
      diagLogger: { ...silent, info: (line: string) => started.push(line) },
      botToken: BOT_TOKEN,
      pseudonymKey: PSEUDONYM_KEY,
      handleSignals: false,
      scheduledDelayMillis: 20,
    });
    try {
      expect(started).toEqual([
        expect.stringMatching(/^telegraf-otel: telemetry to the injected exporters; /),
      ]);
      emitCanaries();
      // In-memory exporters forget their records on shutdown: read them once exported.
      await vi.waitFor(() => {
        expect(spans.getFinishedSpans().map((s) => s.instrumentationScope.name)).toContain('app');
        expect(logRecords.getFinishedLogRecords().length).toBeGreaterThan(0);
      });
      const span = spans.getFinishedSpans().find((s) => s.instrumentationScope.name === 'app');
      expect(span?.name).toBe('notify [REDACTED:email]');
      expect(span?.attributes).toMatchObject({
        'telegram.user.hash': '[REDACTED:unexpected_shape]',
        'app.url': 'https://api.telegram.org/bot[REDACTED:known_secret]/getMe',
      });
      const [record] = logRecords.getFinishedLogRecords();
      expect(record?.body).toBe('token [REDACTED:known_secret] for [REDACTED:email]');
      expect(record?.attributes['app.from']).toEqual({
        id: '[REDACTED:personal_field]',
        is_bot: false,
        first_name: '[REDACTED:personal_field]',
      });
    } finally {
      await handle.shutdown();
    }
  });

  it('a signal without an injected exporter goes to the configured destination, redacted too', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tgotel-injected-'));
    const file = join(dir, 'private', 'telemetry.jsonl');
    const spans = new InMemorySpanExporter();
    const started: string[] = [];
    const handle = startTelemetry({
      file,
      exporters: { spans },
      diagLogger: { ...silent, info: (line: string) => started.push(line) },
      botToken: BOT_TOKEN,
      pseudonymKey: PSEUDONYM_KEY,
      handleSignals: false,
      scheduledDelayMillis: 20,
    });
    expect(started[0]).toContain(
      `telemetry to the injected span exporter, logs to the private file ${file};`,
    );
    emitCanaries();
    await vi.waitFor(() =>
      expect(spans.getFinishedSpans().map((s) => s.name)).toContain('notify [REDACTED:email]'),
    );
    await handle.shutdown();
    const text = await readFile(file, 'utf8');
    expect(text).toContain('"resourceLogs"');
    expect(text).not.toContain('"resourceSpans"');
    expect(text).toContain('token [REDACTED:known_secret] for [REDACTED:email]');
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain(BOT_TOKEN.split(':')[1]);
  });
});
