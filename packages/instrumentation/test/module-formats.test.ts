import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SpanKind } from '@opentelemetry/api';
import { TOKEN, textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The child processes load the BUILT package (dist): `npm test` builds first.
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));

interface Line {
  signal: 'span' | 'log';
  name?: string;
  kind?: number;
  spanId?: string;
  parentSpanId?: string;
  eventName?: string;
  attributes?: Record<string, unknown>;
}

async function runBot(app: string, apiRoot: string): Promise<Line[]> {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', './telemetry.mjs', app],
    {
      cwd: fixtures,
      env: {
        ...env,
        BOT_TOKEN: TOKEN,
        API_ROOT: apiRoot,
        UPDATE: JSON.stringify(textMessage('/start')),
      },
    },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

describe.each(['esm-bot.mjs', 'cjs-bot.cjs'])('a bot run as %s', (app) => {
  let api: FakeBotApi;
  beforeAll(async () => {
    if (!existsSync(new URL('../dist/index.js', import.meta.url))) {
      throw new Error(
        'the fixtures load the built package: run `npm run build -w packages/instrumentation`',
      );
    }
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('is instrumented without loader flags', async () => {
    const lines = await runBot(app, api.apiRoot);
    const update = lines.find((l) => l.name === 'telegram.update message');
    expect(update).toMatchObject({
      kind: SpanKind.CONSUMER,
      attributes: { 'telegram.command': 'start', 'telegram.update.outcome': 'handled' },
    });
    const reply = lines.find((l) => l.name === 'telegram.api sendMessage');
    expect(reply?.kind).toBe(SpanKind.CLIENT);
    expect(reply?.parentSpanId).toBe(update?.spanId);
    expect(lines).toContainEqual({
      signal: 'log',
      eventName: 'telegram.update.handled',
      spanId: update?.spanId,
    });
    // The bot really talked to the fake API.
    expect(api.requests.map((r) => r.method)).toContain('sendMessage');
  });
});
