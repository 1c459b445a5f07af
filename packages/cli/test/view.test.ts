import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify, stripVTControlCharacters } from 'node:util';
import { logs, SeverityNumber, SpanStatusCode, trace } from '@opentelemetry/api';
import { startTelemetry } from '@telegraf-otel/sdk';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRecord } from '../src/view/format-record.js';
import { parseTelemetryLine } from '../src/view/telemetry-records.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let base: string;
let file: string;
let failedTraceId: string;

/** A real telemetry file: an update span that failed with its ERROR record, and a handled one. */
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-view-'));
  file = join(base, 'telemetry', 'telemetry.jsonl');
  const telemetry = startTelemetry({ file, pseudonymKey: 'k'.repeat(32), handleSignals: false });
  const tracer = trace.getTracer('view-test');
  const logger = logs.getLogger('view-test');
  tracer.startActiveSpan('telegram.update message', (span) => {
    span.setAttribute('telegram.command', 'crash');
    logger.emit({
      eventName: 'telegram.update.failed',
      severityNumber: SeverityNumber.ERROR,
      severityText: 'ERROR',
      body: 'update failed',
    });
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'boom' });
    failedTraceId = span.spanContext().traceId;
    span.end();
  });
  tracer.startActiveSpan('telegram.update callback_query', (span) => {
    logger.emit({
      eventName: 'telegram.update.handled',
      severityNumber: SeverityNumber.INFO,
      severityText: 'INFO',
      body: 'update handled',
    });
    span.end();
  });
  await telemetry.shutdown();
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function view(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'view', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return stdout;
}

describe('telegraf-otel view', () => {
  it('prints one compact line per record, without colours when not on a terminal', async () => {
    const lines = (await view([file])).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.join('\n')).not.toContain('\u001b[');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR telegram\\.update\\.failed trace=${failedTraceId.slice(0, 8)} "update failed"`,
          ),
        ),
        expect.stringMatching(
          /SPAN {2}telegram\.update message trace=\w{8} \d+\.\dms error=boom telegram\.command=crash$/,
        ),
      ]),
    );
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThan(300);
  });

  it('colours only when asked to (the command asks on a terminal)', async () => {
    const [line] = (await readFile(file, 'utf8')).trim().split('\n');
    const [record] = parseTelemetryLine(line as string);
    if (!record) throw new Error('no record');
    expect(formatRecord(record, true)).toContain('\u001b[');
    expect(formatRecord(record, false)).not.toContain('\u001b[');
    expect(stripVTControlCharacters(formatRecord(record, true))).toBe(formatRecord(record, false));
  });

  it('reads TELEGRAF_OTEL_FILE when no file is given', async () => {
    expect(await view([], { TELEGRAF_OTEL_FILE: file })).toBe(await view([file]));
  });

  it('a missing file is one clear line and exit code 1', async () => {
    const missing = join(base, 'nowhere.jsonl');
    const failure = await view([missing]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      `telegraf-otel: no telemetry file at ${missing}; pass its path, or set TELEGRAF_OTEL_FILE as the bot does (--follow waits for it)\n`,
    );
  });

  it('filters by severity, event name (with *) and trace id prefix', async () => {
    const errors = (await view([file, '--severity', 'error'])).trim().split('\n');
    // The failed update's ERROR record and its span (a failed span counts as ERROR).
    expect(errors.map((l) => l.split(/ +/)[3])).toEqual([
      'telegram.update.failed',
      'telegram.update',
    ]);

    const handled = (await view([file, '--event', 'telegram.update.h*'])).trim().split('\n');
    expect(handled).toHaveLength(1);
    expect(handled[0]).toContain('telegram.update.handled');

    const oneTrace = (await view([file, '--trace', failedTraceId.slice(0, 8)])).trim().split('\n');
    expect(oneTrace).toHaveLength(2);
    for (const line of oneTrace) expect(line).toContain(`trace=${failedTraceId.slice(0, 8)}`);
  });

  it('--follow prints records appended later', async () => {
    const child: ChildProcess = spawn(process.execPath, [CLI, 'view', file, '--follow'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
    });
    const printed = () => out.trim().split('\n').filter(Boolean);
    try {
      await waitFor('the records already in the file', () => printed().length === 4);
      // Appended the way the exporter writes: one whole OTLP/JSON line.
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      const late = lines.find((l) => l.includes('telegram.update.handled')) as string;
      await appendFile(file, `${late.replace('telegram.update.handled', 'late.arrival')}\n`);
      // The copied line holds both log records: the renamed one and the ERROR one.
      await waitFor('the appended records', () => printed().length === 6);
      expect(printed().slice(4).join('\n')).toContain('late.arrival');
    } finally {
      child.kill('SIGINT');
    }
  });
});
