import type { Options } from 'tsup';

/** The library build every package shares: ESM + CJS + type declarations, for Node 22 and later. */
export function libraryBuild(entry: Options['entry']): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
  };
}

/** An executable ESM entry (a CLI) built beside the library, which `clean` must not wipe. */
export function executableBuild(entry: Options['entry']): Options {
  return {
    entry,
    format: ['esm'],
    sourcemap: true,
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
  };
}
