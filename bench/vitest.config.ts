import { defineConfig } from 'vitest/config';
import root from '../vitest.config.js';

// `vitest run --config bench/vitest.config.ts`: the benchmarks, with the repository's aliases.
// (mergeConfig would append to `include`; the benchmarks replace it.)
export default defineConfig({
  ...root,
  test: {
    ...root.test,
    include: ['bench/**/*.bench.ts'],
    testTimeout: 900_000,
  },
});
