import { audit, createSafeErrorHandler, requireAccess } from '@telegraf-otel/sdk';
import { Markup, Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';

export interface DemoBotOptions {
  token: string;
  /** Bot API root, e.g. the fake Bot API's `http://127.0.0.1:<port>`. */
  apiRoot: string;
  /** Users allowed to run `/admin`; everyone else is denied (and audited). */
  adminIds: readonly number[];
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * The demo bot: /start, /help, /menu with a callback button (the vote is audited), /admin
 * (access-controlled and audited), /crash (a handler that throws, with the token in the error),
 * an echo for text, contacts and photos. It logs through `ctx.log` — including what a careless
 * app logs: the user's e-mail address and phone number, masked on export. Load this module only
 * after telemetry has started: the instrumentation patches Telegraf as it is required.
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
    audit(ctx, 'vote_cast', { choice: ctx.match[1] });
    await ctx.answerCbQuery('Thanks for voting!');
    await ctx.editMessageText(`You voted ${ctx.match[1]}.`);
  });
  bot.command(
    'admin',
    requireAccess({
      allow: options.adminIds,
      action: 'admin_command',
      deniedMessage: 'Sorry, /admin is for administrators only.',
    }),
    (ctx) => ctx.reply('Admin: 4 users, 0 open incidents.'),
  );
  bot.command('crash', () => {
    // A typical library error: the request URL, token included, ends up in the message.
    throw new Error(`request to ${options.apiRoot}/bot${options.token}/getChat failed`);
  });
  bot.on(message('text'), async (ctx) => {
    if (/\d+:[\w-]{30,}/.test(ctx.message.text)) {
      ctx.log.warn('a user sent something shaped like a bot token');
      await ctx.reply('Never share a bot token! Revoke it with @BotFather.');
      return;
    }
    const email = EMAIL.exec(ctx.message.text)?.[0];
    if (email) ctx.log.info(`support request received, answer to ${email}`);
    await ctx.reply(`You said: ${ctx.message.text}`);
  });
  bot.on(message('contact'), (ctx) => {
    const { first_name, last_name, phone_number } = ctx.message.contact;
    ctx.log.info(`support request received, answer to ${phone_number}`);
    return ctx.reply(`Saved ${first_name} ${last_name ?? ''}: ${phone_number}`);
  });
  bot.on(message('photo'), (ctx) =>
    ctx.reply(`Nice photo! Caption: ${ctx.message.caption ?? '-'}`),
  );

  // No information leakage through error messages: a generic answer with a correlation id,
  // nothing from the update printed; the instrumentation records the scrubbed error.
  bot.catch(createSafeErrorHandler());
  return bot;
}
