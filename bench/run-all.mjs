// Runs every benchmark of the repository, one after the other (they would disturb each other in
// parallel), and exits non-zero if any failed. Discovered, not listed: the `bench` script of each
// workspace package, then bench/*.bench.mjs (plain Node scripts) and bench/*.bench.ts (vitest,
// with bench/vitest.config.ts). `--list` prints what would run; `--quick` sets BENCH_QUICK=1
// (short runs for development, marked "quick" in the results). Other arguments select the
// benchmarks whose label contains one of them, e.g. `node bench/run-all.mjs cpu-per-update`.
//
// The benchmarks that measure this project against alternatives leave their figures in
// bench/results/<name>.json; at the end they are merged into bench/results/latest.json with the
// machine and load they were taken on, and summarised as a table. The others print their own
// tables: latest.json keeps the tail of their output, so every figure of a run is in one file.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
const quick = process.argv.includes('--quick');

async function workspaceBenches() {
  const { workspaces = [] } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const found = [];
  for (const workspace of workspaces) {
    const manifest = join(root, workspace, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name, scripts = {} } = JSON.parse(await readFile(manifest, 'utf8'));
    if (scripts.bench) {
      found.push({
        label: `${name} (npm run bench)`,
        command: 'npm',
        args: ['run', 'bench', '-w', workspace],
      });
    }
  }
  return found;
}

async function repositoryBenches() {
  const files = (await readdir(benchDir)).sort();
  const found = [];
  for (const file of files.filter((f) => f.endsWith('.bench.mjs'))) {
    found.push({ label: `bench/${file}`, command: process.execPath, args: [join(benchDir, file)] });
  }
  const vitestConfig = join(benchDir, 'vitest.config.ts');
  for (const file of files.filter((f) => f.endsWith('.bench.ts'))) {
    found.push({
      label: `bench/${file} (vitest)`,
      command: 'npm',
      args: [
        'exec',
        '--',
        'vitest',
        'run',
        '--config',
        vitestConfig,
        relative(root, join(benchDir, file)),
      ],
    });
  }
  return found;
}

/** The per-benchmark result files written during this run (older ones are stale). */
async function freshResults(since) {
  if (!existsSync(resultsDir)) return [];
  const files = (await readdir(resultsDir)).filter(
    (f) => f.endsWith('.json') && f !== 'latest.json',
  );
  const records = await Promise.all(
    files.sort().map(async (f) => JSON.parse(await readFile(join(resultsDir, f), 'utf8'))),
  );
  return records.filter((record) => record.finishedAt >= since);
}

const OUTPUT_TAIL_LINES = 40;

/** Runs one benchmark, passing its output through; resolves its exit code and output tail. */
function run({ command, args }) {
  return new Promise((resolve) => {
    const env = quick ? { ...process.env, BENCH_QUICK: '1' } : process.env;
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output = (output + chunk).slice(-64 * 1024);
    });
    const tail = () =>
      stripVTControlCharacters(output)
        .split('\n')
        .filter((line) => line.trim())
        .slice(-OUTPUT_TAIL_LINES);
    child.on('error', () => resolve({ code: 1, tail: tail() }));
    child.on('close', (code, signal) => resolve({ code: signal ? 1 : (code ?? 1), tail: tail() }));
  });
}

const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const benches = [...(await workspaceBenches()), ...(await repositoryBenches())].filter(
  (bench) => filters.length === 0 || filters.some((filter) => bench.label.includes(filter)),
);
if (process.argv.includes('--list')) {
  for (const bench of benches)
    console.log(`${bench.label}: ${bench.command} ${bench.args.join(' ')}`);
  process.exit(0);
}
const runStarted = new Date().toISOString();
const outcomes = [];
for (const bench of benches) {
  console.log(`\n=== ${bench.label} ===`);
  const started = Date.now();
  const { code, tail } = await run(bench);
  outcomes.push({ label: bench.label, code, seconds: (Date.now() - started) / 1000, tail });
}

const { summaryTable } = await import('./support/summary-table.ts');
const fresh = await freshResults(runStarted);
const latest = join(resultsDir, 'latest.json');
await mkdir(resultsDir, { recursive: true });
const outputs = outcomes.map(({ label, code, seconds, tail }) => ({ label, code, seconds, tail }));
await writeFile(
  latest,
  `${JSON.stringify({ writtenAt: new Date().toISOString(), quick, results: fresh, outputs }, null, 2)}\n`,
);
console.log(`\n=== figures (${relative(root, latest)}) ===`);
if (fresh.length > 0) console.log(summaryTable(fresh));

console.log('\n=== summary ===');
for (const { label, code, seconds } of outcomes) {
  console.log(`${code === 0 ? 'ok  ' : 'FAIL'} ${label} (${seconds.toFixed(0)} s)`);
}
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;
