import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { TelegrafInstrumentation } from '../src/index.js';

const dist = new URL('../dist/', import.meta.url);

describe('published shape', () => {
  it('ships ESM, CommonJS and type declarations with the same exports (built by `npm run build`)', async () => {
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      expect(existsSync(new URL(file, dist)), file).toBe(true);
    }
    const esm = (await import(new URL('index.js', dist).href)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(new URL('index.cjs', dist).pathname) as Record<
      string,
      unknown
    >;
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort());
    expect(typeof cjs.TelegrafInstrumentation).toBe('function');
    expect(typeof cjs.telemetryMiddleware).toBe('function');
  });

  it('patches three Telegraf 4 files, for versions >=4.0.0 <5', () => {
    const [definition] = new TelegrafInstrumentation({ enabled: false }).getModuleDefinitions();
    expect(definition?.name).toBe('telegraf');
    expect(definition?.supportedVersions).toEqual(['>=4.0.0 <5']);
    expect(definition?.files.map((f) => [f.name, f.supportedVersions])).toEqual([
      ['telegraf/lib/telegraf.js', ['>=4.0.0 <5']],
      ['telegraf/lib/composer.js', ['>=4.0.0 <5']],
      ['telegraf/lib/core/network/client.js', ['>=4.0.0 <5']],
    ]);
  });
});
