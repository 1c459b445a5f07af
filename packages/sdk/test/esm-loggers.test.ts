import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PSEUDONYM_KEY } from './support/canaries.js';
import { runFixture } from './support/run-fixture.js';

/** The built register entry (what `--import @telegraf-otel/sdk/register` loads). */
const REGISTER = fileURLToPath(new URL('../dist/register.js', import.meta.url));
const CANARY_EMAIL = 'esm.logger.canary@example.org';
let dir: string;
let telemetry: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'esm-loggers-'));
  const run = await runFixture(
    'esm-loggers.mjs',
    {
      TELEGRAF_OTEL_FILE: join(dir, 'telemetry.jsonl'),
      TELEGRAF_OTEL_PSEUDONYM_KEY: PSEUDONYM_KEY,
      CANARY_EMAIL,
    },
    dir,
    ['--import', REGISTER],
  );
  expect(run.code, run.stderr).toBe(0);
  // One pipeline: Node runs preloads again in the module-hooks thread, which must not start one.
  expect(run.stderr.match(/telegraf-otel: telemetry to/g)).toHaveLength(1);
  telemetry = await readFile(join(dir, 'telemetry.jsonl'), 'utf8');
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

it('bridges pino and winston imported as ES modules through the register entry', () => {
  expect(telemetry).toContain('support request from esm pino');
  expect(telemetry).toContain('support request from esm winston');
});

it('redacts what it logged', () => {
  expect(telemetry).not.toContain(CANARY_EMAIL);
  expect(telemetry).toMatch(/\[REDACTED:email\]/);
});
