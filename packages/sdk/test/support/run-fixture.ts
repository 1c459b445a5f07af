import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface FixtureRun {
  /** Exit code, or the signal name. */
  code: number | string;
  stdout: string;
  stderr: string;
}

/** Runs a fixture script to its natural end (no signal) in `cwd`, with only `env` set. */
export function runFixture(
  name: string,
  env: Record<string, string>,
  cwd: string,
  nodeArgs: string[] = [],
): Promise<FixtureRun> {
  const script = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, script],
      { env: { PATH: process.env.PATH ?? '', ...env }, cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        const failure = error as (Error & { code?: number; signal?: string }) | null;
        resolve({ code: failure ? (failure.signal ?? failure.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}
