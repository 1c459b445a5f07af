import { scrubException } from '@telegraf-otel/instrumentation';
import { createRedactor, defaultPolicy } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

// One table of the ways a bot token shows up in text, and the three places that must catch it:
// the instrumentation's scrub of exceptions (knows the bot's own token), the redaction value
// rule (knows no token: shape only), and the redactor with the token registered as a known
// secret (what the SDK does with BOT_TOKEN and every token Telegraf uses).

const TOKEN = '7391204856:AAGq3ZtV9xWmK2pLr8YbNc4DfHs6JuQe1oT';
const SECRET = TOKEN.slice(TOKEN.indexOf(':') + 1);
const LONG_ID_TOKEN = `12345678901234567:${SECRET}`;

type Matcher = 'scrub' | 'valueRule' | 'knownSecret';
const ALL: Matcher[] = ['scrub', 'valueRule', 'knownSecret'];
/** Only a matcher that knows the token can find a secret part without its shape around it. */
const KNOWING: Matcher[] = ['scrub', 'knownSecret'];

const CASES: { name: string; text: string; secrets: string[]; matchers: Matcher[] }[] = [
  { name: 'bare', text: `token=${TOKEN} end`, secrets: [SECRET], matchers: ALL },
  {
    name: 'in a Bot API URL',
    text: `request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`,
    secrets: [SECRET],
    matchers: ALL,
  },
  {
    name: 'in a file URL',
    text: `GET https://api.telegram.org/file/bot${TOKEN}/photos/file_1.jpg`,
    secrets: [SECRET],
    matchers: ALL,
  },
  {
    name: 'colon percent-encoded',
    text: `next=${TOKEN.replace(':', '%3A')}`,
    secrets: [SECRET],
    matchers: ALL,
  },
  {
    name: 'colon percent-encoded twice (a URL inside a URL)',
    text: `redirect=${TOKEN.replace(':', '%253A')}`,
    secrets: [SECRET],
    matchers: ALL,
  },
  {
    name: 'in JSON with the colon escaped',
    text: `{"t":"${TOKEN.replace(':', '\\u003a')}"}`,
    secrets: [SECRET],
    matchers: ALL,
  },
  {
    name: 'a long (17-digit) bot id',
    text: `bot ${LONG_ID_TOKEN} started`,
    secrets: [SECRET],
    matchers: ['valueRule'],
  },
  {
    name: 'the secret part alone (id cut off)',
    text: `secret part ${SECRET} leaked`,
    secrets: [SECRET],
    matchers: KNOWING,
  },
  {
    name: 'in a stack trace line',
    text: `Error: 401 Unauthorized\n    at fetch (https://api.telegram.org/bot${TOKEN}/getMe)`,
    secrets: [SECRET],
    matchers: ALL,
  },
];

const MATCHERS: Record<Matcher, (text: string) => string> = {
  scrub: (text) => scrubException(new Error(text), TOKEN).message,
  valueRule: (text) => createRedactor().redactString(text),
  // Value rules off: only the registration of the token catches it here.
  knownSecret: (text) => {
    const redactor = createRedactor({ ...defaultPolicy, valueRules: [] });
    redactor.addSecret(TOKEN);
    return redactor.redactString(text);
  },
};

describe('every token matcher passes the one table of token cases', () => {
  for (const testCase of CASES) {
    for (const matcher of testCase.matchers) {
      it(`${matcher}: ${testCase.name}`, () => {
        const out = MATCHERS[matcher](testCase.text);
        for (const secret of testCase.secrets) expect(out).not.toContain(secret);
        expect(out).toMatch(/REDACTED/);
      });
    }
  }

  it('leaves text without a token alone, in every matcher', () => {
    const text = 'update 123456789 handled: chat 987654321, message 42';
    for (const matcher of ALL) expect(MATCHERS[matcher](text), matcher).toBe(text);
  });
});
