import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, sep } from 'node:path';
import type { InstrumentationBase } from '@opentelemetry/instrumentation';

// The CommonJS module cache is one per process: any require function sees all of it.
const moduleCache = createRequire(join(process.cwd(), 'noop.js')).cache;

function telegrafVersion(file: string, moduleFile: string): string | undefined {
  const root = file.slice(0, file.length - moduleFile.length + 'telegraf/'.length);
  try {
    return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Patches the Telegraf modules that were loaded before telemetry started (an ESM bot that
 * statically imports `telegraf` evaluates it first). Telegraf's classes are CommonJS prototypes,
 * so patching them in place instruments instances made from the already imported bindings.
 * Returns how many module files were patched.
 */
export function patchLoadedTelegraf(instrumentation: InstrumentationBase): number {
  let patched = 0;
  for (const definition of instrumentation.getModuleDefinitions()) {
    for (const file of definition.files) {
      const suffix = `${sep}node_modules${sep}${file.name.split('/').join(sep)}`;
      for (const [path, cached] of Object.entries(moduleCache)) {
        if (!path.endsWith(suffix) || !cached?.loaded || file.moduleExports) continue;
        const version = telegrafVersion(path, file.name);
        // TelegrafInstrumentation supports `>=4.0.0 <5`, like its require hook checks.
        if (!version?.startsWith('4.')) continue;
        // Remembered like the require hook does, so disabling the instrumentation unpatches it.
        file.moduleExports = file.patch(cached.exports, version);
        patched++;
      }
    }
  }
  return patched;
}
