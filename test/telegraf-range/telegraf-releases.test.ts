import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { type ExportedSpan, readTelemetryLines } from '@telegraf-otel/test-utils/telemetry-lines';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Real published releases across the declared peer range `>=4.0.0 <5`: the oldest, middle minors
// and whatever 4.x is newest on the registry today (so a new release is tested as soon as it ships).
const RELEASES = ['4.0.0', '4.8.6', '4.12.2', '4'];
const title = (spec: string) => (spec === '4' ? 'the newest telegraf 4.x' : `telegraf@${spec}`);

const FIXTURE = fileURLToPath(new URL('./fixtures/versioned-bot.mjs', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../packages/sdk/dist/register.js', import.meta.url));
const BOT_TOKEN = '123456789:AAHreleaseMATRIXtoken0123456789abcdef';
// OTLP/JSON span kinds (the SDK's enum is shifted by one).
const OTLP_KIND = { consumer: SpanKind.CONSUMER + 1, client: SpanKind.CLIENT + 1 };

const base = await mkdtemp(join(tmpdir(), 'telegraf-releases-'));
const installs = new Map<string, Promise<{ dir: string; version: string }>>();

/** Installs `telegraf@spec` into its own directory, outside the workspace's node_modules. */
function install(spec: string): Promise<{ dir: string; version: string }> {
  const dir = join(base, `telegraf-${spec}`);
  const args = ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts'];
  const done = promisify(execFile)('npm', [...args, '--no-audit', '--no-fund', `telegraf@${spec}`]);
  return done.then(async () => {
    const pkg = join(dir, 'node_modules', 'telegraf', 'package.json');
    return { dir, version: JSON.parse(await readFile(pkg, 'utf8')).version as string };
  });
}

beforeAll(() => {
  for (const spec of RELEASES) installs.set(spec, install(spec));
  return Promise.all(installs.values()).then(() => undefined);
});
afterAll(() => rm(base, { recursive: true, force: true }));

const update = (id: number, text: string) => ({
  update_id: id,
  message: {
    message_id: id,
    date: 1_700_000_000,
    from: { id: 42, is_bot: false, first_name: 'Tester' },
    chat: { id: 42, type: 'private', first_name: 'Tester' },
    text,
    entities: [{ type: 'bot_command', offset: 0, length: text.length }],
  },
});
const UPDATES = [update(1, '/start'), update(2, '/boom')];

type Mode = 'polling' | 'webhook';

/** Runs the fixture bot on one release in one mode, feeds it /start and /boom, stops it. */
async function runBot(dir: string, mode: Mode, api: FakeBotApi, file: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', REGISTER, FIXTURE], {
    env: {
      PATH: process.env.PATH ?? '',
      TELEGRAF_DIR: dir,
      BOT_MODE: mode,
      BOT_TOKEN,
      FAKE_API_ROOT: api.apiRoot,
      TELEGRAF_OTEL_FILE: file,
      TELEGRAF_OTEL_PSEUDONYM_KEY: 'release-matrix-pseudonym-key-0123456789abcdef',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = once(child, 'exit');
  try {
    const describe = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;
    if (mode === 'polling') {
      api.queueUpdates(...UPDATES);
    } else {
      const url = await waitFor('the webhook URL', () => /webhook at (\S+)/.exec(stdout)?.[1], {
        describe,
      });
      for (const body of UPDATES) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(200);
      }
    }
    // The welcome and the error handler's apology.
    await waitFor(
      'both replies',
      () => api.requests.filter((r) => r.method === 'sendMessage').length === 2,
      {
        describe,
      },
    );
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = await exited;
  expect(code, stderr).toBe(0);
}

describe.each(RELEASES.map((spec) => [title(spec), spec]))(
  '%s with the built sdk and instrumentation',
  (_title, spec) => {
    describe.each<Mode>(['polling', 'webhook'])('in %s mode', (mode) => {
      let spans: ExportedSpan[];
      let logs: Awaited<ReturnType<typeof readTelemetryLines>>['logs'];
      let version: string;

      beforeAll(async () => {
        const installed = await installs.get(spec);
        if (!installed) throw new Error(`telegraf@${spec} was not installed`);
        version = installed.version;
        const api = await startFakeBotApi();
        const file = join(base, `${spec}-${mode}.jsonl`);
        try {
          await runBot(installed.dir, mode, api, file);
        } finally {
          await api.close();
        }
        ({ spans, logs } = await readTelemetryLines(file));
      });

      const updateSpan = (command: string) => {
        const span = spans.find(
          (s) =>
            s.name === 'telegram.update message' && s.attributes['telegram.command'] === command,
        );
        if (!span) {
          const seen = spans.map((s) => `${s.name} ${JSON.stringify(s.attributes)}`).join('\n');
          throw new Error(`no update span for /${command} on telegraf ${version}; spans:\n${seen}`);
        }
        return span;
      };

      it('traces a handled update with its Bot API call as a child span and a log record', () => {
        const start = updateSpan('start');
        expect(start.kind).toBe(OTLP_KIND.consumer);
        expect(start.attributes).toMatchObject({
          'telegram.update.type': 'message',
          'telegram.update.outcome': 'handled',
        });
        const replies = spans.filter(
          (s) => s.name === 'telegram.api sendMessage' && s.parentSpanId === start.spanId,
        );
        expect(replies).toHaveLength(1);
        expect(replies[0]).toMatchObject({
          kind: OTLP_KIND.client,
          traceId: start.traceId,
          attributes: { 'telegram.api.method': 'sendMessage' },
        });
        expect(logs).toContainEqual(
          expect.objectContaining({ eventName: 'telegram.update.handled', spanId: start.spanId }),
        );
      });

      it('records a handler error on the update span and in a failure log record', () => {
        const boom = updateSpan('boom');
        expect(boom.status.code).toBe(SpanStatusCode.ERROR);
        expect(boom.attributes['telegram.update.outcome']).toBe('error');
        expect(boom.events).toContainEqual({
          name: 'exception',
          attributes: expect.objectContaining({ 'exception.message': 'handler failed on purpose' }),
        });
        expect(logs).toContainEqual(
          expect.objectContaining({ eventName: 'telegram.update.failed', spanId: boom.spanId }),
        );
        // The error handler's reply is still traced inside the failed update.
        expect(spans).toContainEqual(
          expect.objectContaining({ name: 'telegram.api sendMessage', parentSpanId: boom.spanId }),
        );
      });

      // A webhook served by the app's own server has no launch() or stop() to report.
      if (mode === 'polling') {
        it('reports the launch and the stop of the bot', () => {
          const events = logs.map((l) => l.eventName);
          expect(events).toContain('telegram.bot.started');
          expect(events).toContain('telegram.bot.stopped');
        });
      }
    });
  },
);
