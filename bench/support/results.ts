import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage, machine } from './machine.js';

/** Where each benchmark leaves its figures; run-all.mjs merges them into latest.json. */
export const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Writes `bench/results/<name>.json`: the figures, the machine and the load while they were taken. */
export async function writeResults(
  name: string,
  figures: unknown,
  loadAtStart: [number, number, number],
): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const record = {
    benchmark: name,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
    figures,
  };
  await writeFile(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
}
