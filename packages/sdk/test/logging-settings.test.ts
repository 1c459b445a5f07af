import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagLogger } from '@opentelemetry/api';
import {
  audit,
  readAuditRecords,
  resolveConfig,
  startTelemetry,
  TelemetryConfigurationError,
  verifyAuditChain,
} from '@telegraf-otel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PSEUDONYM_KEY } from './support/canaries.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tgotel-logging-settings-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('logging settings', () => {
  it('reads TELEGRAF_OTEL_LOG_LEVEL (any case), default info, and names it when invalid', () => {
    expect(resolveConfig({}, {}).appLogLevel).toBe('info');
    expect(resolveConfig({}, { TELEGRAF_OTEL_LOG_LEVEL: 'DEBUG' }).appLogLevel).toBe('debug');
    expect(resolveConfig({}, { TELEGRAF_OTEL_CAPTURE_CONSOLE: 'true' }).captureConsole).toBe(true);
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_LOG_LEVEL: 'loud' })).toThrow(
      TelemetryConfigurationError,
    );
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_LOG_LEVEL: 'loud' })).toThrow(
      /TELEGRAF_OTEL_LOG_LEVEL/,
    );
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_AUDIT_KEY: 'short' })).toThrow(
      /TELEGRAF_OTEL_AUDIT_KEY.*at least 32/,
    );
  });

  it('refuses the pseudonym key as audit key: a random key is used instead, with a warning', async () => {
    const warnings: string[] = [];
    const noop = () => {};
    const diagLogger: DiagLogger = {
      warn: (m: string) => warnings.push(m),
      error: noop,
      info: noop,
      debug: noop,
      verbose: noop,
    };
    const file = join(dir, 'same-key.jsonl');
    const telemetry = startTelemetry({
      file,
      pseudonymKey: PSEUDONYM_KEY,
      auditKey: PSEUDONYM_KEY,
      handleSignals: false,
      diagLogger,
    });
    audit(undefined, 'settings_checked');
    await telemetry.shutdown();
    expect(warnings.some((w) => /TELEGRAF_OTEL_AUDIT_KEY is the pseudonym key/.test(w))).toBe(true);
    const report = verifyAuditChain(await readAuditRecords([file]), PSEUDONYM_KEY);
    expect(report.records).toBe(2);
    expect(report.problems.map((p) => p.kind)).toEqual(['altered', 'altered']);
  });
});
