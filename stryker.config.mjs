import { readdirSync } from 'node:fs';

// Mutation testing of one workspace package against its own tests (run through `npm run mutation`).
const pkg = process.env.MUTATION_PACKAGE ?? 'redaction';
const reportDir = `reports/mutation/${pkg}`;
// Stryker re-runs every test that reaches a mutant, instrumented, for each mutant: a test of 0.3 s
// costs minutes over a package. Left out, per package: regex run-time checks (no behaviour),
// property-based fuzzing, and the slow end-to-end and volume tests (they still run in `npm test`).
// The score is therefore a lower bound.
const SLOW_TESTS = {
  redaction: [
    'redos.test.ts',
    'properties.test.ts',
    'adversarial-leaks.test.ts',
    'content-aware.e2e.test.ts',
    'content-registry.test.ts',
    'leak.e2e.test.ts',
    'pseudonymiser.test.ts',
    'undici-leak.test.ts',
    'webhook-leaks.e2e.test.ts',
  ],
};
const slowTests = SLOW_TESTS[pkg] ?? [];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutation/vitest.config.ts', pool: 'forks' },
  mutate: [`packages/${pkg}/src/**/*.ts`],
  testFiles: readdirSync(`packages/${pkg}/test`, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && !slowTests.includes(file))
    .map((file) => `packages/${pkg}/test/${file}`),
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (rule patterns, key lists) would each need the whole test
  // selection: over a thousand full runs for the redaction package. They are not counted.
  ignoreStatic: true,
  // The machine is shared: one test runner at a time.
  concurrency: 1,
  incremental: true,
  incrementalFile: `${reportDir}/incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${reportDir}/index.html` },
  jsonReporter: { fileName: `${reportDir}/report.json` },
  // Large directories no package test reads; keeps the sandbox copy small.
  ignorePatterns: [
    '/prometheus',
    '/collector',
    '/grafana',
    '/loki',
    '/tempo',
    '/tarballs',
    '/secrets',
    '/bench',
    '/test/stack',
    '/.telegraf-otel',
    '/test-results.json',
    '/coverage',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 85, low: 70, break: null },
};
