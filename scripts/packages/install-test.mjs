// `npm run test:install`: packs the publishable packages, installs the tarballs with plain
// `npm install` into a fresh directory outside the repository (third-party packages from the
// registry), and runs an ESM and a CommonJS bot there against the local fake Bot API. Each must
// answer its update and leave redacted telemetry in a private file; the CLI (@telegraf-otel/cli)
// must run.
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packAll } from './pack-all.mjs';
import { ROOT } from './publishable.mjs';

const execFile = promisify(execFileCallback);
const TOKEN = '123456789:AAHinstallTESTtoken0123456789abcdefgh';
const TOKEN_SECRET = TOKEN.split(':')[1];

const BOTS = {
  // Zero code: the register entry preloaded, the bot imports telegraf statically.
  'bot.mjs': {
    nodeArgs: ['--import', '@telegraf-otel/sdk/register'],
    source: `import { Telegraf } from 'telegraf';
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.FAKE_API_ROOT } });
bot.on('text', async (ctx) => {
  await ctx.reply('hello from ESM');
  setImmediate(() => bot.stop('done'));
});
await bot.launch();
`,
  },
  // In code, CommonJS: startTelemetry() before telegraf is required.
  'bot.cjs': {
    nodeArgs: [],
    source: `const { startTelemetry } = require('@telegraf-otel/sdk');
startTelemetry({ serviceName: 'fresh-cjs-bot' });
const { Telegraf } = require('telegraf');
const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.FAKE_API_ROOT } });
bot.on('text', async (ctx) => {
  await ctx.reply('hello from CommonJS');
  setImmediate(() => bot.stop('done'));
});
bot.launch();
`,
  },
};

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function telemetryNames(file) {
  const names = new Set();
  for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
    const request = JSON.parse(line);
    for (const r of request.resourceSpans ?? [])
      for (const s of r.scopeSpans) for (const span of s.spans) names.add(span.name);
    for (const r of request.resourceLogs ?? [])
      for (const s of r.scopeLogs) for (const record of s.logRecords) names.add(record.eventName);
  }
  return names;
}

async function runBot(dir, script, { nodeArgs }, fakeApi) {
  const file = join(dir, `${script}.telemetry.jsonl`);
  fakeApi.queueUpdates({
    message: {
      message_id: 1,
      date: 1_700_000_000,
      chat: { id: 42, type: 'private', first_name: 'Ada' },
      from: { id: 42, is_bot: false, first_name: 'Ada' },
      text: 'hi there',
    },
  });
  const { stderr } = await execFile(process.execPath, [...nodeArgs, script], {
    cwd: dir,
    timeout: 60_000,
    env: {
      PATH: process.env.PATH,
      BOT_TOKEN: TOKEN,
      FAKE_API_ROOT: fakeApi.apiRoot,
      TELEGRAF_OTEL_FILE: file,
      TELEGRAF_OTEL_PSEUDONYM_KEY: 'install-test-pseudonym-key-0123456789abcdef',
      TELEGRAF_OTEL_STRICT: 'true',
    },
  });
  check(
    stderr.includes(`telegraf-otel: telemetry to the private file ${file}`),
    `${script}: no start-up line:\n${stderr}`,
  );
  check((statSync(file).mode & 0o777) === 0o600, `${script}: the telemetry file is not 0600`);
  const bytes = readFileSync(file, 'utf8');
  check(!bytes.includes(TOKEN_SECRET), `${script}: the bot token is in the telemetry file`);
  const names = telemetryNames(file);
  for (const expected of [
    'telegram.update message',
    'telegram.api sendMessage',
    'telegram.update.handled',
    'telegram.bot.stopped',
  ])
    check(
      names.has(expected),
      `${script}: no ${expected} in the telemetry file (found: ${[...names].join(', ')})`,
    );
  return file;
}

const tarballs = packAll({ quiet: true });
console.log(`packed: ${tarballs.map((t) => t.split('/').at(-1)).join(', ')}`);
// The fake Bot API of the private test utilities (not installed in the fresh directory).
execFileSync('npm', ['run', 'build', '--workspace', 'packages/test-utils'], {
  cwd: ROOT,
  stdio: 'ignore',
});
const { startFakeBotApi } = await import(join(ROOT, 'packages/test-utils/dist/fake-bot-api.js'));

const dir = mkdtempSync(join(tmpdir(), 'telegraf-otel-fresh-bot-'));
const fakeApi = await startFakeBotApi();
try {
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'fresh-bot', private: true }, null, 2)}\n`,
  );
  console.log(`installing into ${dir} …`);
  await execFile('npm', ['install', '--no-audit', '--no-fund', ...tarballs, 'telegraf@^4.16'], {
    cwd: dir,
    timeout: 300_000,
  });
  for (const [script, bot] of Object.entries(BOTS)) {
    writeFileSync(join(dir, script), bot.source);
    const file = await runBot(dir, script, bot, fakeApi);
    console.log(`ok: ${script} answered and wrote redacted telemetry to a 0600 file`);
    if (script === 'bot.mjs') {
      const cli = join(dir, 'node_modules', '.bin', 'telegraf-otel');
      const { stdout: version } = await execFile(cli, ['--version'], { cwd: dir });
      const { stdout: viewed } = await execFile(
        cli,
        ['view', file, '--event', 'telegram.update.handled'],
        { cwd: dir },
      );
      check(viewed.trim().split('\n').length === 1, `telegraf-otel view printed:\n${viewed}`);
      console.log(`ok: the installed CLI runs (telegraf-otel ${version.trim()}, view)`);
    }
  }
  console.log('install test: OK');
} catch (error) {
  console.error(`install test: FAILED: ${error.stderr ?? ''}${error.message}`);
  process.exitCode = 1;
} finally {
  await fakeApi.close();
  rmSync(dir, { recursive: true, force: true });
}
