import type { BotProcess, SegmentResult, Workload } from './bot-process.js';
import { loadAverage } from './machine.js';
import { rotation } from './stats.js';

/** BENCH_QUICK=1: short runs for development, marked "quick" in the results. */
export const QUICK = process.env.BENCH_QUICK === '1';
export const WORKLOADS: Workload[] = ['noop', 'reply'];
/** Updates per measured segment, and per warm-up before the first round. */
export const SEGMENT_UPDATES: Record<Workload, number> = QUICK
  ? { noop: 1_000, reply: 200 }
  : { noop: 10_000, reply: 1_000 };
export const WARMUP_UPDATES: Record<Workload, number> = { noop: 5_000, reply: 500 };

/** BENCH_ROUNDS, else `full` rounds (3 when quick). */
export function roundCount(full: number): number {
  return Number(process.env.BENCH_ROUNDS ?? (QUICK ? 3 : full));
}

/** Per workload and variant, one segment result per round. */
export type Rounds<V extends string> = Record<Workload, Record<V, SegmentResult[]>>;

export interface RoundPlan<V extends string> {
  bots: Record<V, BotProcess>;
  variants: V[];
  workloads: Workload[];
  updates: Record<Workload, number>;
  warmup: Record<Workload, number>;
  rounds: number;
  /** Called after each round (the fake Bot API's request log can be dropped there). */
  afterRound?: () => void;
}

/**
 * Warms every bot up, then runs the rounds: in each, every workload is measured once per variant,
 * the variants in a rotating order, so they are measured seconds apart on the same noisy machine.
 * Prints each round's CPU figures beside the load average.
 */
export async function measureRounds<V extends string>(
  plan: RoundPlan<V>,
): Promise<{ rounds: Rounds<V>; loadPerRound: number[] }> {
  for (const variant of plan.variants)
    for (const workload of plan.workloads)
      await plan.bots[variant].segment(workload, plan.warmup[workload]);
  const perVariant = () =>
    Object.fromEntries(plan.variants.map((v) => [v, []])) as unknown as Record<V, SegmentResult[]>;
  const rounds = { noop: perVariant(), reply: perVariant() };
  const loadPerRound: number[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    for (const workload of plan.workloads)
      for (const variant of rotation(plan.variants, round))
        rounds[workload][variant].push(
          await plan.bots[variant].segment(workload, plan.updates[workload]),
        );
    plan.afterRound?.();
    loadPerRound.push(loadAverage()[0]);
    const cpu = plan.workloads.map(
      (w) =>
        `${w} ${plan.variants.map((v) => rounds[w][v][round]?.cpuMicros.toFixed(1)).join(' / ')} µs`,
    );
    console.log(
      `  round ${round + 1} CPU (${plan.variants.join(' / ')}): ${cpu.join('   ')}   load ${loadPerRound[round]}`,
    );
  }
  return { rounds, loadPerRound };
}

/** One field of every round's result. */
export function field(results: SegmentResult[], key: keyof SegmentResult): number[] {
  return results.map((result) => result[key]);
}
