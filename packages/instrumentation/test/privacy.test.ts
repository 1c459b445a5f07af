import { createHmac } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import { JsonLogsSerializer, JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { TOKEN } from '@telegraf-otel/test-utils/bot-updates';
import { leakedCanaries } from '@telegraf-otel/test-utils/canary-scanner';
import { describe, expect, it } from 'vitest';
import { useFakeBotApi } from './support/fake-bot-api.js';
import { createTestTelemetry, instrument } from './support/telemetry.js';

const telemetry = createTestTelemetry();
const key = 'privacy-test-pseudonym-key-32-bytes!';
instrument(telemetry, {
  pseudonymise: (kind, id) =>
    `v1:${createHmac('sha256', key).update(`${kind}\0${id}`).digest('hex').slice(0, 16)}`,
  ignoreApiMethods: [], // trace everything, getUpdates included
});
const { Telegraf } = await import('telegraf');

const USER_ID = 918273645;
const CHAT_ID = -100555666777;
const CANARIES = {
  text: 'CANARY-TEXT-q8w7e6',
  commandArgument: 'CANARY-ARG-z1x2c3',
  caption: 'CANARY-CAPTION-v4b5n6',
  firstName: 'Canaryfirstname',
  lastName: 'Canarylastname',
  username: 'canary_username_m7',
  chatTitle: 'CANARY-CHAT-TITLE-p0',
  phone: '+447700900123',
  latitude: '51.5013641',
  longitude: '-0.1418977',
  callbackData: 'CANARY-CALLBACK-k9j8',
  inlineQuery: 'CANARY-INLINE-h7g6',
  replyText: 'CANARY-REPLY-f5d4',
  signature: 'CANARY-SIGNATURE-s3a2',
  userId: String(USER_ID),
  chatId: String(CHAT_ID),
  tokenSecret: TOKEN.split(':')[1] as string,
};

const user = {
  id: USER_ID,
  is_bot: false,
  first_name: CANARIES.firstName,
  last_name: CANARIES.lastName,
  username: CANARIES.username,
};
const chat = {
  id: CHAT_ID,
  type: 'supergroup',
  title: CANARIES.chatTitle,
  username: CANARIES.username,
};
const message = (fields: object) => ({
  message: { message_id: 1, date: 1_700_000_000, chat, from: user, ...fields },
});
const location = { latitude: Number(CANARIES.latitude), longitude: Number(CANARIES.longitude) };

const UPDATES = [
  message({
    text: `/start ${CANARIES.commandArgument} ${CANARIES.text}`,
    entities: [{ type: 'bot_command', offset: 0, length: 6 }],
  }),
  message({ text: CANARIES.text }),
  message({ text: `fail ${CANARIES.text}` }),
  message({
    photo: [{ file_id: 'f', file_unique_id: 'u', width: 1, height: 1 }],
    caption: CANARIES.caption,
  }),
  message({
    contact: { phone_number: CANARIES.phone, first_name: CANARIES.firstName, user_id: USER_ID },
  }),
  message({ location }),
  message({ venue: { location, title: CANARIES.text, address: CANARIES.text } }),
  {
    callback_query: {
      id: 'q',
      from: user,
      chat_instance: 'c',
      data: CANARIES.callbackData,
      message: { message_id: 2, date: 1, chat, text: CANARIES.text },
    },
  },
  { inline_query: { id: 'i', from: user, query: CANARIES.inlineQuery, offset: '', location } },
  {
    channel_post: {
      message_id: 3,
      date: 1,
      chat: { ...chat, type: 'channel' },
      author_signature: CANARIES.signature,
      text: CANARIES.text,
    },
  },
  {
    chat_member: {
      chat,
      from: user,
      date: 1,
      old_chat_member: { status: 'left', user },
      new_chat_member: { status: 'member', user },
    },
  },
];

/** Everything exported, serialised as OTLP/JSON (what an exporter would send). */
function exportedBytes(): string {
  const decoder = new TextDecoder();
  const traces = JsonTraceSerializer.serializeRequest(telemetry.spans()) ?? new Uint8Array();
  const logs = JsonLogsSerializer.serializeRequest(telemetry.logs()) ?? new Uint8Array();
  return decoder.decode(traces) + decoder.decode(logs);
}

describe('privacy by construction', () => {
  const api = useFakeBotApi();

  /** Runs all canary updates through a polling bot; `leak` adds a deliberately leaky middleware. */
  async function runScenario(leak: boolean) {
    telemetry.reset();
    const bot = new Telegraf(TOKEN, { telegram: { apiRoot: api.apiRoot } });
    if (leak) {
      // Records the update, the token and a failed call's payload (the reply text) on the span.
      bot.use(async (ctx, next) => {
        const span = trace.getActiveSpan();
        span?.setAttribute('leak.update', JSON.stringify(ctx.update));
        span?.setAttribute('leak.token', ctx.telegram.token);
        try {
          await next();
        } catch (error) {
          span?.setAttribute('leak.error', JSON.stringify(error));
          throw error;
        }
      });
    }
    bot.catch(() => undefined);
    bot.start((ctx) => ctx.reply(`${CANARIES.replyText} ${CANARIES.username}`));
    bot.hears(/^fail/, async (ctx) => {
      api.fail('sendMessage', { error_code: 400, description: 'Bad Request: chat not found' }, 1);
      await ctx.reply(CANARIES.replyText); // rejects: TelegramError.on.payload holds the text
    });
    bot.on('text', (ctx) => ctx.reply(CANARIES.replyText));
    bot.on('callback_query', (ctx) => ctx.answerCbQuery(CANARIES.replyText));
    bot.on('inline_query', () => {
      throw new Error('inline handler failed');
    });
    const first = api.requests.length;
    api.queueUpdates(...UPDATES);
    const launched = bot.launch();
    // Processed once the bot confirmed the batch (the next getUpdates carries the new offset).
    await api.waitForRequest(
      'getUpdates',
      (r) => Number(r.payload.offset) > 0 && api.requests.indexOf(r) > first,
    );
    bot.stop();
    await launched;
    return exportedBytes();
  }

  it('exports no text, captions, names, usernames, phone numbers, locations, callback data, ids or token', async () => {
    const bytes = await runScenario(false);
    // The scenario really produced telemetry of every update and of failures.
    const spans = telemetry.spans();
    expect(spans.filter((s) => s.name.startsWith('telegram.update ')).length).toBe(UPDATES.length);
    expect(spans.some((s) => s.attributes['telegram.api.error_code'] === 400)).toBe(true);
    expect(spans.some((s) => s.attributes['telegram.update.outcome'] === 'error')).toBe(true);
    expect(telemetry.logs().length).toBeGreaterThan(UPDATES.length);
    expect(bytes).toContain('telegram.user.hash');
    expect(leakedCanaries(CANARIES, bytes)).toEqual([]);
  });

  it('the same scan detects every canary in the same exported stream (control)', async () => {
    const bytes = await runScenario(true);
    expect(leakedCanaries(CANARIES, bytes).sort()).toEqual(Object.keys(CANARIES).sort());
  });
});
