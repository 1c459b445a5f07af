import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BOT_PROCESS = fileURLToPath(new URL('./bot-process.cjs', import.meta.url));
const SDK_BUILD = fileURLToPath(new URL('../../packages/sdk/dist/index.cjs', import.meta.url));

export type Telemetry = 'bare' | 'telegraf-otel' | 'sdk-floor' | 'generic';
export type Workload = 'noop' | 'reply';

/** One measured segment, per update (see bot-process.cjs). */
export interface SegmentResult {
  cpuMicros: number;
  wallMicros: number;
  p50Micros: number;
  p999Micros: number;
}

export interface BotProcess {
  segment(
    workload: Workload,
    updates: number,
    options?: { flush?: boolean; profile?: string },
  ): Promise<SegmentResult>;
  /** Heap and RSS in bytes, after a full GC. */
  memory(): Promise<{ heapUsed: number; rss: number }>;
  /** Shuts the bot's telemetry down (flushing it) and waits for the process to exit. */
  finish(): Promise<{ updates: number; dropped?: { spans: number; logRecords: number } }>;
  kill(): void;
}

export interface BotProcessOptions {
  telemetry: Telemetry;
  apiRoot: string;
  botToken: string;
  /** Telemetry settings (OTEL_* / TELEGRAF_OTEL_*); nothing else of the driver's environment leaks in. */
  env?: Record<string, string>;
  /** Pin the bot to this CPU core (taskset), when taskset exists. */
  core?: number;
  nodeArgs?: string[];
}

export const canPin = existsSync('/usr/bin/taskset') || existsSync('/bin/taskset');

export function sdkBuilt(): boolean {
  return existsSync(SDK_BUILD);
}

/** Starts bot-process.cjs for one variant and waits until it is ready. */
export async function startBotProcess(options: BotProcessOptions): Promise<BotProcess> {
  const node = [...(options.nodeArgs ?? []), BOT_PROCESS];
  const [command, args] =
    options.core !== undefined && canPin
      ? ['taskset', ['-c', String(options.core), process.execPath, ...node]]
      : [process.execPath, node];
  const child = spawn(command as string, args as string[], {
    env: {
      PATH: process.env.PATH ?? '',
      BOT_TOKEN: options.botToken,
      BENCH_API_ROOT: options.apiRoot,
      BENCH_TELEMETRY: options.telemetry,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = once(child, 'exit');
  const next = async <T>(): Promise<T> => {
    const [message] = (await Promise.race([
      once(child, 'message'),
      exited.then(([code]) => {
        throw new Error(`the ${options.telemetry} bot exited (${code}) before answering`);
      }),
    ])) as [T];
    return message;
  };
  const ask = <T>(message: object): Promise<T> => {
    const answer = next<T>();
    child.send(message);
    return answer;
  };
  await next();
  return {
    segment: (workload, updates, options = {}) => ask({ workload, updates, ...options }),
    memory: () => ask({ memory: true }),
    async finish() {
      const summary = await ask<Awaited<ReturnType<BotProcess['finish']>>>({ done: true });
      await exited;
      return summary;
    },
    kill: () => child.kill('SIGKILL'),
  };
}
