import {
  InstrumentationBase,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
  isWrapped,
} from '@opentelemetry/instrumentation';
import { traceErrorHandler } from './error-handler.js';
import { field } from './field.js';
import type {
  ApiClient,
  AsyncMethod,
  ClientModuleExports,
  ComposerModuleExports,
  TelegrafBot,
  TelegrafModuleExports,
  TelegrafPrototype,
} from './internal-types.js';
import { TelegrafTelemetry } from './telemetry.js';
import type { TelegrafInstrumentationConfig } from './types.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

const SUPPORTED_VERSIONS = ['>=4.0.0 <5'];

/**
 * OpenTelemetry instrumentation for Telegraf 4: a CONSUMER span and a log record per update, a
 * CLIENT span per Bot API call, lifecycle log records. It patches two internal files of Telegraf
 * (CommonJS), whose internal `require()`s pass through require-in-the-middle: CommonJS and ESM
 * bots are instrumented without a loader hook.
 */
export class TelegrafInstrumentation extends InstrumentationBase<TelegrafInstrumentationConfig> {
  // Created lazily: the base constructor may patch (enable()) before class fields exist.
  private _telemetry: TelegrafTelemetry | undefined;

  constructor(config: TelegrafInstrumentationConfig = {}) {
    super(PACKAGE_NAME, PACKAGE_VERSION, config);
  }

  /** The shared telemetry model, bound to this instrumentation's providers and config. */
  get telemetry(): TelegrafTelemetry {
    if (!this._telemetry) {
      const self = this;
      this._telemetry = new TelegrafTelemetry({
        get tracer() {
          return self.tracer;
        },
        get logger() {
          return self.logger;
        },
        get config() {
          return self.getConfig();
        },
      });
    }
    return this._telemetry;
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition(
      'telegraf',
      SUPPORTED_VERSIONS,
      undefined,
      undefined,
      [
        new InstrumentationNodeModuleFile(
          'telegraf/lib/telegraf.js',
          SUPPORTED_VERSIONS,
          (exports: TelegrafModuleExports) => this.patchTelegraf(exports),
          (exports?: TelegrafModuleExports) => this.unpatchTelegraf(exports),
        ),
        new InstrumentationNodeModuleFile(
          'telegraf/lib/composer.js',
          SUPPORTED_VERSIONS,
          (exports: ComposerModuleExports) => this.patchComposer(exports),
          (exports?: ComposerModuleExports) => this.unpatchComposer(exports),
        ),
        new InstrumentationNodeModuleFile(
          'telegraf/lib/core/network/client.js',
          SUPPORTED_VERSIONS,
          (exports: ClientModuleExports) => this.patchClient(exports),
          (exports?: ClientModuleExports) => this.unpatchClient(exports),
        ),
      ],
    );
  }

  private patchTelegraf(exports: TelegrafModuleExports): TelegrafModuleExports {
    const proto = exports?.Telegraf?.prototype;
    if (!proto || typeof proto.handleUpdate !== 'function') {
      this._diag.warn(
        'telegraf/lib/telegraf.js has no Telegraf.prototype.handleUpdate; not patched',
      );
      return exports;
    }
    this.unpatchTelegraf(exports);
    this._wrap(proto, 'handleUpdate', (original) => this.wrapHandleUpdate(original));
    if (typeof proto.launch === 'function') {
      this._wrap(proto, 'launch', (original) => this.wrapLaunch(original));
    }
    if (typeof proto.stop === 'function') {
      this._wrap(proto, 'stop', (original) => this.wrapStop(original));
    }
    if (typeof proto.webhookCallback === 'function') {
      this._wrap(proto, 'webhookCallback', (original) => this.wrapWebhookCallback(original));
    }
    return exports;
  }

  private unpatchTelegraf(exports?: TelegrafModuleExports): void {
    const proto = exports?.Telegraf?.prototype;
    if (!proto) return;
    for (const name of ['handleUpdate', 'launch', 'stop', 'webhookCallback'] as const) {
      if (isWrapped(proto[name])) this._unwrap(proto, name);
    }
  }

  private patchComposer(exports: ComposerModuleExports): ComposerModuleExports {
    const composer = exports?.Composer;
    if (!composer || typeof composer.command !== 'function') {
      this._diag.warn('telegraf/lib/composer.js has no Composer.command; commands are not learned');
      return exports;
    }
    this.unpatchComposer(exports);
    this._wrap(composer, 'command', (original) => this.wrapCommand(original));
    return exports;
  }

  private unpatchComposer(exports?: ComposerModuleExports): void {
    const composer = exports?.Composer;
    if (composer && isWrapped(composer.command)) this._unwrap(composer, 'command');
  }

  private patchClient(exports: ClientModuleExports): ClientModuleExports {
    const proto = exports?.default?.prototype;
    if (!proto || typeof proto.callApi !== 'function') {
      this._diag.warn(
        'telegraf/lib/core/network/client.js has no ApiClient.prototype.callApi; not patched',
      );
      return exports;
    }
    this.unpatchClient(exports);
    this._wrap(proto, 'callApi', (original) => this.wrapCallApi(original));
    return exports;
  }

  private unpatchClient(exports?: ClientModuleExports): void {
    const proto = exports?.default?.prototype;
    if (proto && isWrapped(proto.callApi)) this._unwrap(proto, 'callApi');
  }

  private wrapHandleUpdate(original: AsyncMethod): AsyncMethod {
    const instrumentation = this;
    return function handleUpdate(this: TelegrafBot, ...args: unknown[]) {
      const telemetry = instrumentation.telemetry;
      const token = telemetry.noteToken(field(this, 'token'));
      traceErrorHandler(this, telemetry);
      return telemetry.traceUpdate(args[0], token, original, this, args);
    };
  }

  private wrapCallApi(original: AsyncMethod): AsyncMethod {
    const instrumentation = this;
    return function callApi(this: ApiClient, ...args: unknown[]) {
      const telemetry = instrumentation.telemetry;
      const token = telemetry.noteToken(field(this, 'token'));
      return telemetry.traceApiCall(args[0], token, original, this, args);
    };
  }

  private wrapLaunch(original: AsyncMethod): AsyncMethod {
    const instrumentation = this;
    return function launch(this: TelegrafBot, ...args: unknown[]) {
      const telemetry = instrumentation.telemetry;
      const token = telemetry.noteToken(field(this, 'token'));
      telemetry.botStarted(field(args[0], 'webhook') === undefined ? 'polling' : 'webhook');
      return original.apply(this, args).catch((error: unknown) => {
        telemetry.botStopped(undefined, error, token);
        throw error;
      });
    };
  }

  /** `Composer.command(command, ...handlers)`: the bot registers `command` (strings only). */
  private wrapCommand(original: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
    const instrumentation = this;
    return function command(this: unknown, ...args: unknown[]) {
      // With no handler it is the `bot_command` entity filter, not a registration.
      if (args.length > 1) instrumentation.telemetry.commands.learn(args[0]);
      return original.apply(this, args);
    };
  }

  /** Every webhook entry (`createWebhook`, `launch({ webhook })`) ends here with its path and secret token. */
  private wrapWebhookCallback(
    original: TelegrafPrototype['webhookCallback'],
  ): TelegrafPrototype['webhookCallback'] {
    const instrumentation = this;
    return function webhookCallback(this: TelegrafBot, ...args: unknown[]) {
      const telemetry = instrumentation.telemetry;
      telemetry.noteToken(field(this, 'token'));
      telemetry.noteWebhook(args[0], field(args[1], 'secretToken'));
      return original.apply(this, args);
    };
  }

  private wrapStop(original: TelegrafPrototype['stop']): TelegrafPrototype['stop'] {
    const instrumentation = this;
    return function stop(this: TelegrafBot, ...args: unknown[]) {
      const result = original.apply(this, args);
      instrumentation.telemetry.botStopped(args[0] ?? 'unspecified');
      return result;
    };
  }
}
