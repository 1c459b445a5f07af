import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('../fixtures/bot.mjs', import.meta.url));

/**
 * `register` and `start-telemetry` start the SDK; `unredacted` is the leak tests' control, the
 * same instrumentations without the SDK, writing OTLP/JSON lines to FIXTURE_CONTROL_FILE.
 */
export type Preload = 'register' | 'start-telemetry' | 'unredacted';

export interface ChildBot {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<number | string>;
  /** `promise`, or a rejection with the child's stderr if the child exits first. */
  unlessExited<T>(promise: Promise<T>): Promise<T>;
}

/**
 * Runs the fixture bot in a child process with `--import` of the BUILT packages: the sdk's
 * zero-code register entry, a preload that calls startTelemetry(), or the unredacted control.
 */
export function startChildBot(
  preload: Preload,
  env: Record<string, string>,
  cwd?: string,
): ChildBot {
  // `--import` resolves a bare name from the working directory: outside the repository, point at
  // the same built file the exports map names.
  const register =
    cwd === undefined
      ? '@telegraf-otel/sdk/register'
      : new URL('../../dist/register.js', import.meta.url).href;
  const importArg =
    preload === 'register' ? register : new URL(`../fixtures/${preload}.mjs`, import.meta.url).href;
  const child = spawn(process.execPath, ['--import', importArg, FIXTURE], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd,
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    unlessExited: (promise) =>
      Promise.race([
        promise,
        exited.then((code) => {
          throw new Error(`the bot exited (${code}) early:\n${err}`);
        }),
      ]),
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
