import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANARIES, leakedCanaries } from './support/canaries.js';
import { runCanaryChild, runUnredactedChild } from './support/canary-child-run.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-file-e2e-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

interface Line {
  resourceSpans?: { scopeSpans: { spans: { name: string }[] }[] }[];
  resourceLogs?: { scopeLogs: { logRecords: { eventName?: string }[] }[] }[];
}

const runBot = (env: Record<string, string>, cwd: string) => runCanaryChild('register', env, cwd);

describe('secure file destination (no endpoint configured)', () => {
  it('writes redacted OTLP/JSON lines to a 0600 file in a 0700 directory (default path)', async () => {
    const cwd = await mkdtemp(join(base, 'app-'));
    await runBot({ TELEGRAF_OTEL_INSTRUMENT_HTTP: 'true' }, cwd);
    const dir = join(cwd, '.telegraf-otel');
    const file = join(dir, 'telemetry.jsonl');
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const raw = await readFile(file);
    expect(leakedCanaries(raw)).toEqual([]);
    const lines = raw
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    const spanNames = lines
      .flatMap((l) => l.resourceSpans ?? [])
      .flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((x) => x.name)));
    const events = lines
      .flatMap((l) => l.resourceLogs ?? [])
      .flatMap((r) => r.scopeLogs.flatMap((s) => s.logRecords.map((x) => x.eventName)));
    expect(spanNames.filter((n) => n === 'telegram.update message')).toHaveLength(2);
    expect(events).toEqual(
      expect.arrayContaining([
        'telegram.bot.started',
        'telegram.update.handled',
        'telegram.bot.stopped',
      ]),
    );
  });

  it('TELEGRAF_OTEL_FILE wins over an endpoint; the same bot without the SDK leaks (control)', async () => {
    const cwd = await mkdtemp(join(base, 'app-'));
    const file = join(cwd, 'private', 'bot.jsonl');
    await runBot(
      { TELEGRAF_OTEL_FILE: file, OTEL_EXPORTER_OTLP_ENDPOINT: 'https://127.0.0.1:1' },
      cwd,
    );
    expect(leakedCanaries(await readFile(file))).toEqual([]);

    // Every canary the redacted runs are scanned for is really written without redaction.
    const control = await runUnredactedChild(cwd);
    expect(leakedCanaries(control).sort()).toEqual(Object.keys(CANARIES).sort());
  });
});
