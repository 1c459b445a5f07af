import { readdirSync } from 'node:fs';

// Mutation testing of one workspace package against its own tests (run through `npm run mutation`).
const pkg = process.env.MUTATION_PACKAGE ?? 'redaction';
// Set by `--static`: mutants in module-level code are tested too (narrow it with --mutate).
const staticOnly = process.env.MUTATION_STATIC === '1';
const reportDir = `reports/mutation/${pkg}${staticOnly ? '-static' : ''}`;
// Minutes long under instrumentation, and re-run for every mutant they reach: the regex run-time
// checks (no behaviour) and the property-based fuzzing (its invariants are pinned by examples too).
const SLOW_NON_BEHAVIOUR_TESTS = ['redos.test.ts', 'properties.test.ts'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'scripts/mutation/vitest.config.ts', pool: 'forks' },
  mutate: [`packages/${pkg}/src/**/*.ts`],
  testFiles: readdirSync(`packages/${pkg}/test`, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts') && !SLOW_NON_BEHAVIOUR_TESTS.includes(file))
    .map((file) => `packages/${pkg}/test/${file}`),
  coverageAnalysis: 'perTest',
  // Mutants in module-level code (rule patterns, key lists) each need the whole test selection:
  // over a thousand full runs. They are left out of the default run and measured on their own with
  // `--static` (narrowed with `--mutate` and `--testFiles`).
  ignoreStatic: !staticOnly,
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
