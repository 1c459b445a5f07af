import { cpus, loadavg } from 'node:os';

export interface Machine {
  node: string;
  cpuModel: string;
  cores: number;
}

export function machine(): Machine {
  const all = cpus();
  return { node: process.version, cpuModel: all[0]?.model ?? 'unknown', cores: all.length };
}

/** 1, 5 and 15 minute load averages, rounded: figures on a shared machine need them beside. */
export function loadAverage(): [number, number, number] {
  const [one, five, fifteen] = loadavg().map((value) => Math.round(value * 100) / 100);
  return [one ?? 0, five ?? 0, fifteen ?? 0];
}

export function describeMachine(): string {
  const { node, cpuModel, cores } = machine();
  return `Node ${node}, ${cpuModel}, ${cores} cores, load average ${loadAverage().join(' ')}`;
}
