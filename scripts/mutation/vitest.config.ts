import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import repoConfig from '../../vitest.config.ts';

// Test files that must have a process of their own even here: they start servers and patch
// module loading (instrumentations), which would leak into the files after them.
const OWN_PROCESS = [
  'packages/*/test/**/*.e2e.test.ts',
  'packages/instrumentation/test/**/*.test.ts',
  'packages/sdk/test/**/*.test.ts',
];

// Under Stryker every statement is instrumented and the run has the lowest priority on a shared
// machine: more time per test.
const test = { ...repoConfig.test, testTimeout: 300_000, hookTimeout: 300_000 };

// The repository's test setup, tuned for Stryker, which runs the tests once per mutant: the other
// files share one process instead of starting one each (most of a mutant's run time otherwise).
export default defineConfig({
  root: fileURLToPath(new URL('../../', import.meta.url)),
  resolve: repoConfig.resolve,
  test: {
    projects: [
      { resolve: repoConfig.resolve, test: { ...test, name: 'own-process', include: OWN_PROCESS } },
      {
        resolve: repoConfig.resolve,
        test: { ...test, name: 'shared-process', isolate: false, exclude: OWN_PROCESS },
      },
    ],
  },
});
