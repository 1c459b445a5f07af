import { inspect } from 'node:util';
import {
  InstrumentationBase,
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { contextIdentity, type TelegrafContextLike } from './telegraf-context.js';
import { logFor } from './update-logger.js';

type Exports = Record<string, { prototype: object } | undefined> | undefined;

const NAME = '@telegraf-otel/sdk/telegraf-context';
const VERSION = '0.1.0';
const SUPPORTED = ['>=4.0.0 <5'];

function serialisedAs<T>(form: (self: T) => unknown): PropertyDescriptorMap {
  // `toJSON` receives the property key, `inspect.custom` the depth: only `this` matters.
  function serialise(this: T) {
    return form(this);
  }
  return {
    toJSON: { configurable: true, writable: true, value: serialise },
    [inspect.custom]: { configurable: true, writable: true, value: serialise },
  };
}

// What pino and winston (JSON.stringify) and console.log (util.inspect) see of Telegraf objects:
// a context is its update's content-free identity, never the update (personal data) or the client.
const CONTEXT: PropertyDescriptorMap = {
  log: {
    configurable: true,
    get(this: TelegrafContextLike) {
      return logFor(this);
    },
  },
  ...serialisedAs((ctx: TelegrafContextLike) => contextIdentity(ctx)),
};
// The API client holds the bot token.
const CLIENT = serialisedAs(() => '[Telegram API client]');
// A TelegramError's `on` holds the request payload (the message text): stored non-enumerable, so
// error serialisers that copy every field (pino's, winston's) leave it out.
const TELEGRAM_ERROR: PropertyDescriptorMap = {
  on: {
    configurable: true,
    set(this: object, value: unknown) {
      Object.defineProperty(this, 'on', { value, writable: true, configurable: true });
    },
  },
};

function patchFile(file: string, exportName: string, properties: PropertyDescriptorMap) {
  return new InstrumentationNodeModuleFile(
    file,
    SUPPORTED,
    (exports: Exports) => {
      const proto = exports?.[exportName]?.prototype;
      if (proto && !Reflect.ownKeys(properties).some((key) => Object.hasOwn(proto, key))) {
        Object.defineProperties(proto, properties);
      }
      return exports;
    },
    (exports?: Exports) => {
      const proto = exports?.[exportName]?.prototype as Record<PropertyKey, unknown> | undefined;
      if (proto) for (const key of Reflect.ownKeys(properties)) delete proto[key];
    },
  );
}

/**
 * Adds `ctx.log` to Telegraf's `Context` and makes Telegraf's objects safe to pass to any logger
 * (Telegraf 4 is CommonJS: its files are patched as they load, for CJS and ESM apps alike).
 */
export class TelegrafContextInstrumentation extends InstrumentationBase {
  constructor(config: InstrumentationConfig = {}) {
    super(NAME, VERSION, config);
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition('telegraf', SUPPORTED, undefined, undefined, [
      patchFile('telegraf/lib/context.js', 'Context', CONTEXT),
      patchFile('telegraf/lib/core/network/client.js', 'default', CLIENT),
      patchFile('telegraf/lib/core/network/error.js', 'TelegramError', TELEGRAM_ERROR),
    ]);
  }
}
