import { defineConfig } from 'vitest/config';
import root from '../vitest.config.js';

// `vitest run --config bench/vitest.config.ts`: the benchmarks, with the repository's aliases,
// and the tests of their own helpers (bench/support/*.test.ts). Neither is part of `npm test`.
// (mergeConfig would append to `include`; the benchmarks replace it.)
export default defineConfig({
  ...root,
  test: {
    ...root.test,
    include: ['bench/**/*.bench.ts', 'bench/support/*.test.ts'],
    testTimeout: 900_000,
  },
});
