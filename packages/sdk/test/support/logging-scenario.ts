import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import {
  audit,
  createLogger,
  createSafeErrorHandler,
  requireAccess,
  setLogLevel,
  startTelemetry,
} from '@telegraf-otel/sdk';
import { startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import {
  type ExportedLogRecord,
  type ExportedSpan,
  readTelemetryLines,
} from '@telegraf-otel/test-utils/telemetry-lines';
import { afterAll, beforeAll } from 'vitest';
import { BOT_TOKEN, EMAIL, PSEUDONYM_KEY, USER_ID } from './canaries.js';
import { startUnredactedTelemetry } from './unredacted-telemetry.js';

export const AUDIT_KEY = 'audit-key-canary-0123456789abcdefghijklmnopqrs';
export const ADMIN_ID = 111_222_333;
/** Message text no record may carry. */
export const TEXT_CANARY = 'CANARY-TEXT-d41d8cd98f';
/** Every update of the scenario is answered with one message. */
const SENT_MESSAGES = 8;
export const AFTER_THE_CRASH = 'after the crash';
/** Logged through pino and winston (not in any update: masked by its pattern, not as update content). */
export const LOGGED_EMAIL = 'logged.contact@example.org';
export const REPLIES = { admin: 'Admin panel', denied: 'Admins only.', echo: 'Noted.' };

// Named like an audit outcome: their denied attempts must still be recorded as `denied`.
const from = { id: USER_ID, is_bot: false, first_name: 'denied', username: 'canary_user' };
const admin = { id: ADMIN_ID, is_bot: false, first_name: 'Root', username: 'root_user' };
const chat = (user: { id: number }) => ({ id: user.id, type: 'private' });

function command(name: string, user: typeof from, rest = '') {
  const text = `/${name}${rest}`;
  return {
    message: {
      message_id: 2,
      date: 1_700_000_000,
      from: user,
      chat: chat(user),
      text,
      entities: [{ type: 'bot_command', offset: 0, length: name.length + 1 }],
    },
  };
}
const text = (body: string) => ({
  message: { message_id: 1, date: 1_700_000_000, from, chat: chat(from), text: body },
});

const discard = () =>
  new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });

export interface ScenarioResult {
  raw: Buffer;
  spans: ExportedSpan[];
  logs: ExportedLogRecord[];
  /** Texts the bot sent, in order. */
  replies: string[];
}

/**
 * One polling bot through the real SDK writing to the file destination: app loggers at every
 * level, `ctx.log`, pino, winston and captured console records carrying a Telegraf context, an
 * Error with the token and personal data, audit records (granted, denied), a crash answered by
 * the safe error handler, and an update after the crash (the bot keeps polling).
 */
export async function runLoggingScenario(
  file: string,
  options: { unredacted?: boolean } = {},
): Promise<ScenarioResult> {
  // The control (unredacted) run sets up the same telemetry without the export path's redaction.
  const start = options.unredacted ? startUnredactedTelemetry : startTelemetry;
  const telemetry = start({
    file,
    pseudonymKey: PSEUDONYM_KEY,
    auditKey: AUDIT_KEY,
    botToken: BOT_TOKEN,
    captureConsole: true,
    handleSignals: false,
    scheduledDelayMillis: 50,
  });
  // Loaded after start, as an app does with `--import @telegraf-otel/sdk/register`.
  const { Telegraf, TelegramError } = await import('telegraf');
  const { message } = await import('telegraf/filters');
  // Required, as a CommonJS app loads them (an ESM app needs the loader hook, see the README).
  const require = createRequire(import.meta.url);
  const pino = require('pino') as typeof import('pino').pino;
  const winston = require('winston') as typeof import('winston');
  const pinoLogger = pino({ level: 'info' }, discard());
  const winstonLogger = winston.createLogger({
    level: 'info',
    transports: [new winston.transports.Stream({ stream: discard() })],
  });

  // Severity mapping and level filtering, outside any update.
  const app = createLogger('scenario');
  setLogLevel('debug');
  app.debug('level debug');
  app.info('level info');
  app.warn('level warn');
  app.error('level error');
  app.fatal('level fatal');
  setLogLevel('warn');
  app.info('filtered info');
  app.warn('kept warn');
  app.child({ tenant: 'acme', ctx: undefined }).warn('child record', { step: 2 });
  setLogLevel('info');

  const fake = await startFakeBotApi();
  const bot = new Telegraf(BOT_TOKEN, { telegram: { apiRoot: fake.apiRoot } });
  bot.catch(createSafeErrorHandler({ print: false }));
  bot.command(
    'admin',
    requireAccess({ allow: [ADMIN_ID], action: 'admin_command', deniedMessage: REPLIES.denied }),
    (ctx) => ctx.reply(REPLIES.admin),
  );
  bot.command(
    'ops',
    requireAccess({
      allow: () => {
        throw new Error('directory unavailable');
      },
      action: 'ops_command',
      deniedMessage: REPLIES.denied,
    }),
    (ctx) => ctx.reply(REPLIES.admin),
  );
  bot.command('purge', requireAccess({ allow: [ADMIN_ID], action: 'purge_command' }), () => {
    throw new Error('purge failed');
  });
  bot.command('greeting', async (ctx) => {
    audit(ctx, 'greeting_changed', { setting: 'welcome_text', contact: LOGGED_EMAIL });
    await ctx.reply(REPLIES.echo);
  });
  bot.command('crash', () => {
    throw new Error(`request to ${fake.apiRoot}/bot${BOT_TOKEN}/getChat failed for ${EMAIL}`);
  });
  bot.on(message('text'), async (ctx) => {
    ctx.log.debug('below the level', { text: ctx.message.text });
    ctx.log.info('text received', { length: ctx.message.text.length, ctx });
    const apiError = new TelegramError(
      { error_code: 400, description: 'Bad Request: chat not found' },
      { method: 'sendMessage', payload: { chat_id: USER_ID, text: ctx.message.text } },
    );
    ctx.log.warn('lookup failed', apiError);
    app.error('request failed', { err: new Error(`failed at /bot${BOT_TOKEN}/sendMessage`), ctx });
    pinoLogger.info({ ctx, contact: LOGGED_EMAIL }, 'pino record');
    pinoLogger.error(apiError, 'pino error');
    winstonLogger.warn('winston record', { ctx, contact: LOGGED_EMAIL });
    winstonLogger.error('winston error', { error: apiError });
    console.warn('console record', ctx, new Error(`token ${BOT_TOKEN}`));
    await ctx.reply(REPLIES.echo);
  });

  fake.queueUpdates(
    text(`${TEXT_CANARY} mail ${EMAIL}`),
    command('admin', admin),
    command('admin', from),
    command('greeting', from, ` ${TEXT_CANARY}`),
    command('crash', from),
    command('ops', admin),
    command('purge', admin),
  );
  const launched = bot.launch();
  try {
    await fake.waitForRequest('sendMessage', undefined, SENT_MESSAGES - 1);
    // Queued only after the crashes were answered: its reply shows the bot kept polling.
    fake.queueUpdates(text(AFTER_THE_CRASH));
    await fake.waitForRequest('sendMessage', undefined, SENT_MESSAGES);
  } finally {
    bot.stop('test');
    await launched.catch(() => {});
    await telemetry.shutdown();
    await fake.close();
  }
  const replies = fake.requests
    .filter((r) => r.method === 'sendMessage')
    .map((r) => String(r.payload.text));
  return { ...(await readTelemetryLines(file)), replies };
}

export interface ScenarioRun {
  readonly dir: string;
  readonly file: string;
  readonly result: ScenarioResult;
}

/** Runs the scenario once before the file's tests, in a private directory removed after them. */
export function useLoggingScenario(options: { unredacted?: boolean } = {}): ScenarioRun {
  const run = {} as { dir: string; file: string; result: ScenarioResult };
  beforeAll(async () => {
    run.dir = await mkdtemp(join(tmpdir(), 'tgotel-logging-'));
    run.file = join(run.dir, 'telemetry.jsonl');
    run.result = await runLoggingScenario(run.file, options);
  });
  afterAll(() => rm(run.dir, { recursive: true, force: true }));
  return run;
}
