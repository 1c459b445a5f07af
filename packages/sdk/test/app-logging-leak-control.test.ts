import { expect, it } from 'vitest';
import { leakedCanaries } from './support/canaries.js';
import { LOGGED_EMAIL, TEXT_CANARY, useLoggingScenario } from './support/logging-scenario.js';

// Positive control of the canary scan in app-logging.e2e.test.ts: the same scenario with the
// export redaction switched off must leak, or that scan proves nothing.
const scenario = useLoggingScenario({ unredacted: true });

it('with redaction off, the e-mail the pino and winston records carry reaches the file', () => {
  expect(scenario.result.raw.toString('utf8')).toContain(LOGGED_EMAIL);
  expect(leakedCanaries(scenario.result.raw)).toContain('email');
});

it('with redaction off, message text still never reaches the file (content-free serialisation)', () => {
  expect(scenario.result.raw.toString('utf8')).not.toContain(TEXT_CANARY);
});
