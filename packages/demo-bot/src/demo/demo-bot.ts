import { Markup, Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { audit, logSupportRequest } from './audit.js';

export interface DemoBotOptions {
  token: string;
  /** Bot API root, e.g. the fake Bot API's `http://127.0.0.1:<port>`. */
  apiRoot: string;
  /** Users allowed to run `/admin`; everyone else is denied (and audited). */
  adminIds: readonly number[];
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * The demo bot: /start, /help, /menu with a callback button, /admin (audited, or denied), /crash
 * (a handler that throws, with the token in the error), an echo for text, contacts and photos.
 * Load this module only after telemetry has started: the instrumentation patches Telegraf as it
 * is required.
 */
export function createDemoBot(options: DemoBotOptions): Telegraf {
  const bot = new Telegraf(options.token, { telegram: { apiRoot: options.apiRoot } });

  bot.start((ctx) => ctx.reply(`Welcome, ${ctx.from.first_name} (@${ctx.from.username})!`));
  bot.help((ctx) =>
    ctx.reply('Commands: /start, /help, /menu, /admin, /crash. Send text, a photo or a contact.'),
  );
  bot.command('menu', (ctx) =>
    ctx.reply(
      'Did you like the demo?',
      Markup.inlineKeyboard([
        Markup.button.callback('Yes', 'vote:yes'),
        Markup.button.callback('No', 'vote:no'),
      ]),
    ),
  );
  bot.action(/^vote:(yes|no)$/, async (ctx) => {
    await ctx.answerCbQuery('Thanks for voting!');
    await ctx.editMessageText(`You voted ${ctx.match[1]}.`);
  });
  bot.command('admin', async (ctx) => {
    if (!options.adminIds.includes(ctx.from.id)) {
      audit('access_denied', 'admin');
      await ctx.reply('Sorry, /admin is for administrators only.');
      return;
    }
    audit('admin_command', 'admin');
    await ctx.reply('Admin: 4 users, 0 open incidents.');
  });
  bot.command('crash', () => {
    // A typical library error: the request URL, token included, ends up in the message.
    throw new Error(`request to ${options.apiRoot}/bot${options.token}/getChat failed`);
  });
  bot.on(message('text'), async (ctx) => {
    if (/\d+:[\w-]{30,}/.test(ctx.message.text)) {
      await ctx.reply('Never share a bot token! Revoke it with @BotFather.');
      return;
    }
    const email = EMAIL.exec(ctx.message.text)?.[0];
    if (email) logSupportRequest(email);
    await ctx.reply(`You said: ${ctx.message.text}`);
  });
  bot.on(message('contact'), (ctx) => {
    const { first_name, last_name, phone_number } = ctx.message.contact;
    logSupportRequest(phone_number);
    return ctx.reply(`Saved ${first_name} ${last_name ?? ''}: ${phone_number}`);
  });
  bot.on(message('photo'), (ctx) =>
    ctx.reply(`Nice photo! Caption: ${ctx.message.caption ?? '-'}`),
  );

  // No information leakage through error messages: the user gets a generic answer, nothing is
  // printed (Telegraf's default handler would print the whole update). The instrumentation
  // still records the scrubbed error on the update span.
  bot.catch(async (_error, ctx) => {
    await ctx.reply('Sorry, something went wrong. The team has been notified.');
  });
  return bot;
}
