import { parseArgs } from 'node:util';
import { runDemo } from './run-demo.js';
import { demoProblems, formatSummary } from './summary.js';

// `npm run demo` (or `node dist/demo.js [--file path] [--continuous] [--interval seconds]`):
// exits 0 when the telemetry file is private and none of the planted secrets is in it.
const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    continuous: { type: 'boolean', default: false },
    interval: { type: 'string', default: '5' },
  },
});

const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());

try {
  const result = await runDemo({
    file: values.file,
    continuous: values.continuous,
    intervalMillis: Number(values.interval) * 1000,
    signal: stop.signal,
  });
  const problems = demoProblems(result);
  console.log(formatSummary(result, problems));
  process.exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  console.error(
    `telegraf-otel demo failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
