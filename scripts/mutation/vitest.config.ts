import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vitest/config';
import repoConfig from '../../vitest.config.ts';

// The repository's test setup, with room for time: under Stryker every statement is instrumented
// and the run has the lowest priority on a shared machine, so a test can take many times longer.
export default mergeConfig(repoConfig, {
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: { testTimeout: 300_000, hookTimeout: 300_000 },
});
