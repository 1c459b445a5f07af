import { describe, expect, it } from 'vitest';
import type { DemoResult } from '../src/demo/run-demo.js';
import { demoProblems, formatSummary } from '../src/demo/summary.js';
import type { TelemetryFile } from '../src/demo/telemetry-file.js';

const token = { kind: 'bot token', value: '123456789:AAHsummaryTESTtoken_0123456789abcd' };
const email = { kind: 'e-mail', value: 'ann.1a2b3c@example.org' };

function file(mode: number): TelemetryFile {
  return {
    paths: ['/var/lib/bot/telemetry.jsonl'],
    mode,
    directoryMode: 0o700,
    spans: [
      { name: 'telegram.update message', attributes: [] },
      {
        name: 'telegram.update message',
        attributes: [{ key: 'telegram.update.outcome', value: { stringValue: 'error' } }],
      },
    ],
    logs: [{ eventName: 'telegram.update.handled', attributes: [] }],
    text: '',
  };
}

function result(overrides: Partial<DemoResult>): DemoResult {
  return {
    updates: 40,
    canaries: [token, email],
    seenByBotApi: [token, email],
    trafficCanaries: 2,
    undelivered: { spans: 0, logRecords: 0, flushTimedOut: false },
    file: file(0o600),
    leaked: [],
    ...overrides,
  };
}

describe('demo verdict', () => {
  it('passes a private file without leaks', () => {
    expect(demoProblems(result({}))).toEqual([]);
    expect(formatSummary(result({}), [])).toContain(
      'leak check: 0 of 2 planted secrets found in the telemetry file',
    );
  });

  it('fails on a planted secret in the file, naming its kind but never its value', () => {
    const problems = demoProblems(result({ leaked: [email] }));
    expect(problems).toEqual(['LEAK: a planted e-mail is in the telemetry file']);
    expect(formatSummary(result({ leaked: [email] }), problems)).not.toContain(email.value);
  });

  it('fails on a file readable by others', () => {
    expect(demoProblems(result({ file: file(0o644) }))).toEqual([
      'the telemetry file has mode 0644, expected 0600',
    ]);
  });

  it('fails when the positive control shows the canaries never reached the bot', () => {
    expect(demoProblems(result({ seenByBotApi: [token] }))[0]).toMatch(/positive control failed/);
  });

  it('fails when telemetry was not delivered, whatever the destination', () => {
    const otlp = {
      file: undefined,
      undelivered: { spans: 0, logRecords: 1, flushTimedOut: false },
    };
    const problems = demoProblems(result(otlp));
    expect(problems).toEqual([
      'telemetry was not delivered: 0 spans and 1 log record dropped. Run `npx @telegraf-otel/cli doctor` to check the destination',
    ]);
    const summary = formatSummary(result(otlp), problems);
    expect(summary).toContain('result: FAILED');
    expect(summary).not.toContain('result: OK');
    expect(
      demoProblems(result({ undelivered: { spans: 0, logRecords: 0, flushTimedOut: true } }))[0],
    ).toMatch(/not delivered: the final flush timed out with records in flight\./);
  });

  it('says how many updates failed, and what the two canary counts mean', () => {
    const key = { kind: 'pseudonym key', value: 'k'.repeat(40) };
    const summary = formatSummary(result({ updates: 2, canaries: [token, email, key] }), []);
    expect(summary).toContain(
      'telegraf-otel demo: 2 updates: 1 handled, 1 failed (the /crash handler throws on purpose)',
    );
    expect(summary).toContain('exported: 2 spans, 1 log record');
    expect(summary).toContain(
      'leak check: 0 of 3 planted secrets (the 2 above and the pseudonym key) found',
    );
  });
});
