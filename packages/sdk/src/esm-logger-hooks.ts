import { register } from 'node:module';

/** The loggers whose ES-module imports the OpenTelemetry instrumentations patch. */
const ESM_LOGGERS = ['pino', 'winston'];

/**
 * `import pino from 'pino'` in an ES module never reaches `require()`, where the pino and winston
 * instrumentations hook in. import-in-the-middle's loader hook lets them patch those imports too.
 * It must be registered before the app's imports run (the `--import` entry does it) and it
 * intercepts only these loggers, so every other module of the app loads untouched.
 */
export function registerEsmLoggerHooks(parentUrl: string): void {
  try {
    register('import-in-the-middle/hook.mjs', parentUrl, { data: { include: ESM_LOGGERS } });
  } catch (error) {
    // Without the hook, ES-module imports of these loggers are simply not bridged.
    console.error(
      `telegraf-otel: pino and winston imported as ES modules will not be bridged (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
