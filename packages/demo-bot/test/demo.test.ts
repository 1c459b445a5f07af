import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo/run-demo.js';
import { startUnredactedTelemetry } from './support/unredacted-telemetry.js';

// The demo runs in child processes on the BUILT package (`npm run build` first), like `npm run demo`.
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const DEMO = join(DIST, 'demo.js');
const RUN_DEMO = join(DIST, 'run-demo.js');
const UPDATES_PER_MIX = 40;

interface Canary {
  kind: string;
  value: string;
}
interface ChildResult {
  updates: number;
  canaries: Canary[];
  seenByBotApi: Canary[];
  trafficCanaries: number;
  leaked: Canary[];
}

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  if (!existsSync(DEMO) || !existsSync(RUN_DEMO)) {
    throw new Error('packages/demo-bot is not built: run `npm run build` first');
  }
  dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-demo-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** runDemo() in a child process; returns its result. */
async function runDemoChild(file: string): Promise<ChildResult> {
  const script = `
    import { runDemo } from ${JSON.stringify(RUN_DEMO)};
    const { file: _file, ...result } = await runDemo({ file: ${JSON.stringify(file)} });
    process.stdout.write(JSON.stringify(result));
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
  });
  return JSON.parse(stdout) as ChildResult;
}

/** Independent of the demo's own scan: plain and URL-encoded forms. */
function present(text: string, canaries: Canary[]): Canary[] {
  return canaries.filter(
    (c) => text.includes(c.value) || text.includes(encodeURIComponent(c.value)),
  );
}

function countLines(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

describe('npm run demo', () => {
  it('exits 0 with a private file, spans and log records for every update, and no leak', async () => {
    const file = join(dir, 'cli', 'telemetry.jsonl');
    const { stdout } = await run(process.execPath, [DEMO, '--file', file], { cwd: dir });

    expect(stdout).toContain(`telemetry file: ${file} (mode 0600, directory 0700)`);
    expect(stdout).toMatch(/leak check: 0 of \d+ planted secrets \(.*\) found/);
    expect(stdout).toContain('result: OK');
    // The /crash updates (one per person) fail on purpose, and the summary says so.
    expect(stdout).toContain(
      `telegraf-otel demo: ${UPDATES_PER_MIX} updates: ${UPDATES_PER_MIX - 4} handled, 4 failed`,
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const text = await readFile(file, 'utf8');
    // One update span and one closing log record per update, plus Bot API spans for the replies.
    expect(countLines(text, /"name":"telegram\.update message"/g)).toBeGreaterThan(0);
    const updateSpans = countLines(text, /"name":"telegram\.update [a-z_]+"/g);
    const closing = countLines(text, /"eventName":"telegram\.update\.(handled|failed)"/g);
    expect(updateSpans).toBe(UPDATES_PER_MIX);
    expect(closing).toBe(UPDATES_PER_MIX);
    expect(countLines(text, /"name":"telegram\.api sendMessage"/g)).toBeGreaterThan(0);
    expect(text).toContain('"eventName":"telegram.audit.admin_command"');
    expect(text).toContain('{"key":"telegram.audit.outcome","value":{"stringValue":"denied"}}');
    expect(stdout).toMatch(/audit trail: \d+ records in 1 hash chain\(s\), verified intact/);
    // The summary's counts are the file's.
    const requests = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const spans = requests.flatMap((r) =>
      (r.resourceSpans ?? []).flatMap((rs: { scopeSpans: { spans: unknown[] }[] }) =>
        rs.scopeSpans.flatMap((ss) => ss.spans),
      ),
    );
    const logs = requests.flatMap((r) =>
      (r.resourceLogs ?? []).flatMap((rl: { scopeLogs: { logRecords: unknown[] }[] }) =>
        rl.scopeLogs.flatMap((sl) => sl.logRecords),
      ),
    );
    expect(stdout).toContain(`exported: ${spans.length} spans, ${logs.length} log records`);
    // Nothing shaped like the planted secrets survives (the CLI's canaries are random per run).
    expect(text).not.toMatch(/\d{6,}:AAH[\w-]{30,}/);
    expect(text).not.toMatch(/@example\.org/);
    expect(text).not.toMatch(/\+44 7700 900123/);
  });

  it('finds none of the planted secrets, and the same scan finds them when redaction is off', async () => {
    const redactedFile = join(dir, 'redacted', 'telemetry.jsonl');
    const redacted = await runDemoChild(redactedFile);
    const traffic = redacted.canaries.filter((c) => !c.kind.endsWith(' key'));

    // Positive control: every planted value really went through the bot (it is in the requests
    // the fake Bot API received: replies echo names, e-mails, phones, text; the token is in the URL).
    expect(redacted.updates).toBe(UPDATES_PER_MIX);
    expect(traffic.length).toBe(redacted.trafficCanaries);
    expect(redacted.seenByBotApi).toHaveLength(traffic.length);
    expect(new Set(traffic.map((c) => c.kind))).toEqual(
      new Set([
        'bot token',
        'user id',
        'last name',
        'username',
        'phone number',
        'e-mail',
        'message text',
      ]),
    );

    const redactedText = await readFile(redactedFile, 'utf8');
    expect(present(redactedText, redacted.canaries)).toEqual([]);
    expect(redacted.leaked).toEqual([]);
    // The support request's e-mail is masked in place (not dropped): as what the user sent in that
    // update (content-aware) or by the e-mail pattern.
    expect(redactedText).toMatch(/\[REDACTED:(trace_content|email)\]/);

    const unredactedFile = join(dir, 'unredacted', 'telemetry.jsonl');
    // The control: the same demo in this process, its telemetry set up without the SDK's redaction.
    const unredacted = await runDemo({
      file: unredactedFile,
      startTelemetry: startUnredactedTelemetry,
    });
    const unredactedText = await readFile(unredactedFile, 'utf8');
    const found = present(unredactedText, unredacted.canaries);
    expect(found.map((c) => c.kind)).toEqual(expect.arrayContaining(['e-mail', 'phone number']));
    // The demo's own check reports the leak (and the CLI would exit non-zero on it).
    expect(unredacted.leaked.map((c) => c.value).sort()).toEqual(found.map((c) => c.value).sort());
  });

  it('fails, in one line per problem, when its telemetry cannot be delivered', async () => {
    // An endpoint where nothing listens: every export fails, the flush gives up quickly.
    const result = await run(process.execPath, [DEMO], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://127.0.0.1:1',
        OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
        TELEGRAF_OTEL_SHUTDOWN_TIMEOUT: '2000',
      },
    }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('result: FAILED');
    expect(result.stdout).not.toContain('result: OK');
    expect(result.stdout).toMatch(/telemetry was not delivered: /);
    // Export errors are summarised, never dumped as JSON with stacks.
    expect(`${result.stdout}${result.stderr}`).not.toContain('{"stack"');
    for (const line of result.stderr.trim().split('\n')) expect(line.length).toBeLessThan(600);
  });
});
