import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readPayload } from './fake-bot-api-payload.js';

/** A Bot API error answer, exactly as Telegram sends it (`ok: false`). */
export interface FakeBotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** A non-JSON answer, like the HTML page a proxy or load balancer returns. */
export interface FakeBotApiHtml {
  html: string;
  /** HTTP status; defaults to 200 (below 500 the client tries to parse it as JSON). */
  status?: number;
}

export type FakeBotApiFailure = FakeBotApiError | FakeBotApiHtml;

/** Computes the `result` of a successful call. */
export type FakeBotApiResponder = (payload: Record<string, unknown>, token: string) => unknown;

/** One request the fake API received. `token` is what the client put in `/bot<token>/`. */
export interface FakeBotApiRequest {
  token: string;
  method: string;
  payload: Record<string, unknown>;
}

export interface FakeBotApiOptions {
  /** Result of `getMe` (merged over a default bot user). */
  botInfo?: Record<string, unknown>;
  /** Longest time a `getUpdates` call with an empty queue is held open (ms, default 100). */
  maxLongPollMs?: number;
}

export interface FakeBotApi {
  /** `http://127.0.0.1:<port>`, for `new Telegraf(token, { telegram: { apiRoot } })`. */
  readonly apiRoot: string;
  /** Every request in arrival order. */
  readonly requests: FakeBotApiRequest[];
  /** Queue updates for `getUpdates`; a missing `update_id` gets the next free one. Returns the ids. */
  queueUpdates(...updates: object[]): number[];
  /** Make `method` fail with `failure` for the next `times` calls (default: until cleared). */
  fail(method: string, failure: FakeBotApiFailure, times?: number): void;
  /** Serve `method` with a custom result. */
  respond(method: string, responder: FakeBotApiResponder): void;
  /** Remove all failures and custom responders. */
  reset(): void;
  /** Resolves with the `count`-th request (1-based) matching `method` (and `filter`), including past ones. */
  waitForRequest(
    method: string,
    filter?: (request: FakeBotApiRequest) => boolean,
    count?: number,
  ): Promise<FakeBotApiRequest>;
  close(): Promise<void>;
}

const DEFAULT_BOT_INFO = {
  id: 7_000_000_001,
  is_bot: true,
  first_name: 'Fake Bot',
  username: 'fake_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

// `/bot<token>/<method>` or `/bot<token>/test/<method>` (Telegraf's `testEnv`).
const PATH = /^\/(?:bot|user)([^/]+)\/(?:test\/)?([A-Za-z]+)$/;

interface Waiter {
  method: string;
  filter: ((request: FakeBotApiRequest) => boolean) | undefined;
  remaining: number;
  resolve: (request: FakeBotApiRequest) => void;
}

interface HeldPoll {
  offset: number;
  limit: number;
  res: ServerResponse;
  timer: NodeJS.Timeout;
}

/** Starts a local stand-in for the Telegram Bot API on 127.0.0.1 (random port). */
export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const botInfo = { ...DEFAULT_BOT_INFO, ...options.botInfo };
  const maxLongPollMs = options.maxLongPollMs ?? 100;
  const requests: FakeBotApiRequest[] = [];
  const queue: Record<string, unknown>[] = [];
  const failures = new Map<string, { failure: FakeBotApiFailure; remaining: number }>();
  const responders = new Map<string, FakeBotApiResponder>();
  const waiters = new Set<Waiter>();
  const held = new Set<HeldPoll>();
  let nextUpdateId = 1;
  let nextMessageId = 1;

  const pending = (offset: number, limit: number) => {
    // Telegram forgets updates below the offset once a client confirms them.
    while (queue.length > 0 && Number(queue[0]?.update_id) < offset) queue.shift();
    return queue.slice(0, limit);
  };

  const releaseHeldPolls = () => {
    for (const poll of held) {
      const updates = pending(poll.offset, poll.limit);
      if (updates.length === 0) continue;
      clearTimeout(poll.timer);
      held.delete(poll);
      sendResult(poll.res, updates);
    }
  };

  const defaultResult = (method: string, payload: Record<string, unknown>): unknown => {
    if (method === 'getMe') return botInfo;
    if (method.startsWith('send') || method.startsWith('edit') || method === 'forwardMessage') {
      const chatId = Number(payload.chat_id) || 0;
      return {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: chatId < 0 ? 'group' : 'private' },
        from: botInfo,
      };
    }
    return true;
  };

  const notify = (request: FakeBotApiRequest) => {
    for (const waiter of waiters) {
      if (waiter.method !== request.method || (waiter.filter && !waiter.filter(request))) continue;
      waiter.remaining -= 1;
      if (waiter.remaining === 0) {
        waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match || req.method !== 'POST') {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return;
    }
    const token = decodeURIComponent(match[1] ?? '');
    const method = match[2] ?? '';
    const payload = await readPayload(req);
    const request = { token, method, payload };
    requests.push(request);
    notify(request);

    const failing = failures.get(method);
    if (failing) {
      failing.remaining -= 1;
      if (failing.remaining <= 0) failures.delete(method);
      sendFailure(res, failing.failure);
      return;
    }
    const responder = responders.get(method);
    if (responder) {
      sendResult(res, responder(payload, token));
      return;
    }
    if (method === 'getUpdates') {
      const offset = Number(payload.offset) || 0;
      const limit = Number(payload.limit) || 100;
      const updates = pending(offset, limit);
      const wait = Math.min(Number(payload.timeout) * 1000 || 0, maxLongPollMs);
      if (updates.length > 0 || wait === 0) {
        sendResult(res, updates);
        return;
      }
      const poll: HeldPoll = {
        offset,
        limit,
        res,
        timer: setTimeout(() => {
          held.delete(poll);
          sendResult(res, []);
        }, wait),
      };
      held.add(poll);
      // An aborted long poll (bot.stop()) closes the socket: forget it.
      res.on('close', () => {
        clearTimeout(poll.timer);
        held.delete(poll);
      });
      return;
    }
    sendResult(res, defaultResult(method, payload));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      sendJson(res, 500, { ok: false, error_code: 500, description: String(error) });
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    requests,
    queueUpdates(...updates) {
      const ids: number[] = [];
      for (const item of updates) {
        const update = item as Record<string, unknown>;
        const id = typeof update.update_id === 'number' ? update.update_id : nextUpdateId;
        nextUpdateId = Math.max(nextUpdateId, id + 1);
        queue.push({ ...update, update_id: id });
        ids.push(id);
      }
      releaseHeldPolls();
      return ids;
    },
    fail(method, failure, times = Number.POSITIVE_INFINITY) {
      failures.set(method, { failure, remaining: times });
    },
    respond(method, responder) {
      responders.set(method, responder);
    },
    reset() {
      failures.clear();
      responders.clear();
    },
    waitForRequest(method, filter, count = 1) {
      const seen = requests.filter((r) => r.method === method && (!filter || filter(r)));
      const found = seen[count - 1];
      if (found) return Promise.resolve(found);
      return new Promise((resolve) => {
        waiters.add({ method, filter, remaining: count - seen.length, resolve });
      });
    },
    async close() {
      for (const poll of held) {
        clearTimeout(poll.timer);
        sendResult(poll.res, []);
      }
      held.clear();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendResult(res: ServerResponse, result: unknown): void {
  sendJson(res, 200, { ok: true, result });
}

function sendFailure(res: ServerResponse, failure: FakeBotApiFailure): void {
  if ('html' in failure) {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(failure.status ?? 200, { 'content-type': 'text/html' });
    res.end(failure.html);
    return;
  }
  // Telegram answers errors with the error code as the HTTP status.
  sendJson(res, failure.error_code, { ok: false, ...failure });
}
