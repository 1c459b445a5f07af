import { type FakeBotApi, startFakeBotApi } from '@telegraf-otel/test-utils/fake-bot-api';
import { afterAll, beforeAll } from 'vitest';

/**
 * One real fake Bot API server for the calling `describe` (or file): started before its first test,
 * closed after its last. The returned object forwards to the running server.
 */
export function useFakeBotApi(): FakeBotApi {
  let api: FakeBotApi | undefined;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(async () => {
    await api?.close();
  });
  return new Proxy({} as FakeBotApi, {
    get(_target, key) {
      if (!api) throw new Error('the fake Bot API is used outside a test');
      const value: unknown = Reflect.get(api, key);
      return typeof value === 'function' ? value.bind(api) : value;
    },
  });
}
