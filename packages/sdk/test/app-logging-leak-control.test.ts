import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { leakedCanaries } from './support/canaries.js';
import {
  LOGGED_EMAIL,
  runLoggingScenario,
  type ScenarioResult,
  TEXT_CANARY,
} from './support/logging-scenario.js';

// Positive control of the canary scan in app-logging.e2e.test.ts: the same scenario with the
// export redaction switched off must leak, or that scan proves nothing.
let dir: string;
let result: ScenarioResult;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tgotel-logging-control-'));
  result = await runLoggingScenario(join(dir, 'telemetry.jsonl'), { unredacted: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('with redaction off, the e-mail the pino and winston records carry reaches the file', () => {
  expect(result.raw.toString('utf8')).toContain(LOGGED_EMAIL);
  expect(leakedCanaries(result.raw)).toContain('email');
});

it('with redaction off, message text still never reaches the file (content-free serialisation)', () => {
  expect(result.raw.toString('utf8')).not.toContain(TEXT_CANARY);
});
