import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));

export default defineConfig({
  resolve: {
    // In-process tests run the workspace packages from source; child processes use the built dist.
    alias: [
      {
        find: /^@telegraf-otel\/(redaction|instrumentation|sdk|cli|demo-bot)$/,
        replacement: `${packagesDir}$1/src/index.ts`,
      },
      {
        // The test utilities have one subpath export per module.
        find: /^@telegraf-otel\/test-utils\/(.+)$/,
        replacement: `${packagesDir}test-utils/src/$1.ts`,
      },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Instrumentations patch module loading: every test file gets its own process.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
