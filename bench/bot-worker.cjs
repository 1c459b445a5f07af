// The bot of the load benchmark: a minimal polling Telegraf bot that replies to every message.
// The instrumented variant runs it as `node --import @telegraf-otel/sdk/register bot-worker.cjs`,
// configured by the standard environment variables; the bare variant runs it as is.
const { Telegraf } = require('telegraf');

const bot = new Telegraf(process.env.BOT_TOKEN, {
  telegram: { apiRoot: process.env.BENCH_API_ROOT },
});
bot.on('message', (ctx) => ctx.reply('ok'));
process.once('SIGTERM', () => bot.stop('SIGTERM'));
bot.launch().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
