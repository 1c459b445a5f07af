import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { audit, startTelemetry } from '@telegraf-otel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const AUDIT_KEY = 'audit-key-for-the-cli-test-0123456789abcdef';
let base: string;
let file: string;

/** A real audit trail: one process run writing three audit records to the file destination. */
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-audit-verify-'));
  file = join(base, 'telemetry', 'telemetry.jsonl');
  const telemetry = startTelemetry({
    file,
    pseudonymKey: 'p'.repeat(40),
    auditKey: AUDIT_KEY,
    handleSignals: false,
  });
  for (const task of ['backup', 'rotate', 'prune'])
    audit(undefined, 'maintenance', { outcome: 'granted', task });
  await telemetry.shutdown();
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function verify(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [CLI, 'audit', 'verify', ...args],
      { env: { PATH: process.env.PATH ?? '', ...env } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

interface LogRecordLine {
  resourceLogs?: { scopeLogs: { logRecords: { eventName?: string }[] }[] }[];
}

/** The trail with the audit record of `task` deleted, as someone covering their tracks would. */
async function withoutRecord(task: string): Promise<string> {
  const lines = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as LogRecordLine);
  let deleted = 0;
  for (const line of lines)
    for (const resource of line.resourceLogs ?? [])
      for (const scope of resource.scopeLogs) {
        const before = scope.logRecords.length;
        scope.logRecords = scope.logRecords.filter((r) => !JSON.stringify(r).includes(task));
        deleted += before - scope.logRecords.length;
      }
  expect(deleted).toBe(1);
  const path = join(base, `without-${task}.jsonl`);
  await writeFile(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return path;
}

describe('telegraf-otel audit verify', () => {
  it('exits 0 on an intact trail, with the key from TELEGRAF_OTEL_AUDIT_KEY', async () => {
    const result = await verify([file], { TELEGRAF_OTEL_AUDIT_KEY: AUDIT_KEY });
    expect(result.out).toContain('✔ chain intact');
    expect(result.out).toMatch(/^4 audit records, 1 chain\(s\):/); // chain start + 3 actions
    expect(result.code).toBe(0);
  });

  it('exits 1 and names the problem when a record was deleted', async () => {
    const result = await verify([await withoutRecord('rotate')], {
      TELEGRAF_OTEL_AUDIT_KEY: AUDIT_KEY,
    });
    expect(result.out).toContain('✖ missing');
    expect(result.code).toBe(1);
  });

  it('reads the key from --key-file, and a wrong key fails the chain', async () => {
    const keyFile = join(base, 'wrong.key');
    await writeFile(keyFile, `${'w'.repeat(44)}\n`);
    const result = await verify([file, '--key-file', keyFile]);
    expect(result.out).not.toContain('✔ chain intact');
    expect(result.code).toBe(1);
  });

  it('without a key, says how to give one and exits 2', async () => {
    const result = await verify([file]);
    expect(result.out).toContain('set TELEGRAF_OTEL_AUDIT_KEY or pass --key-file');
    expect(result.code).toBe(2);
  });
});
