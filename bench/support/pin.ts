import { execFileSync } from 'node:child_process';
import { canPin } from './bot-process.js';

/**
 * Pins this process (all its threads) to one core, so the processes it starts from now on (the
 * collector, the stand-ins' work) stay there too, away from the bot's core. Returns whether it did.
 */
export function pinThisProcess(core: number): boolean {
  if (!canPin) return false;
  execFileSync('taskset', ['-a', '-pc', String(core), String(process.pid)], { stdio: 'ignore' });
  return true;
}
