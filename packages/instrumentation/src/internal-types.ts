// Structural shapes of the Telegraf internals we touch. Telegraf itself is never imported at run
// time, and its types stay out of the public API.

export type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/** `Telegraf` instance (lib/telegraf.js). `handleError` is an instance field replaced by `bot.catch()`. */
export interface TelegrafBot {
  readonly token?: unknown;
  handleError?: unknown;
}

export interface TelegrafPrototype {
  handleUpdate: AsyncMethod;
  launch: AsyncMethod;
  stop: (...args: unknown[]) => unknown;
  webhookCallback: (...args: unknown[]) => unknown;
}

/** `Composer` class (lib/composer.js): `bot.command()`, `bot.start()`, … all go through `Composer.command`. */
export interface ComposerClass {
  command: (...args: unknown[]) => unknown;
}

export interface ComposerModuleExports {
  Composer?: ComposerClass;
}

/** `ApiClient` / `Telegram` instance (lib/core/network/client.js). */
export interface ApiClient {
  token?: unknown;
  callApi: AsyncMethod;
}

export interface TelegrafModuleExports {
  Telegraf?: { prototype: TelegrafPrototype };
}

export interface ClientModuleExports {
  default?: { prototype: ApiClient };
}
