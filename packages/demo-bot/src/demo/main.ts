import { parseArgs } from 'node:util';
import { runDemo } from './run-demo.js';
import { demoProblems, formatSummary } from './summary.js';

const USAGE = `usage: npm run demo -- [--file <path>] [--continuous] [--interval <seconds>]

Runs a demo bot against a local fake Bot API with traffic full of personal data and the bot
token, then checks that the telemetry holds none of it.

  --file <path>         write telemetry to this file (default: TELEGRAF_OTEL_FILE, else
                        .telegraf-otel/telemetry.jsonl); OTEL_EXPORTER_OTLP_* send it to a collector
  --continuous          keep sending traffic until Ctrl-C
  --interval <seconds>  pause between rounds of --continuous traffic (default 5)

Exit code 0 when telemetry was delivered, the file is private and no planted secret leaked.`;

/** The command line, or the usage (and an exit) for --help and for a mistake. */
function parseOptions() {
  try {
    const { values } = parseArgs({
      options: {
        file: { type: 'string' },
        continuous: { type: 'boolean', default: false },
        interval: { type: 'string', default: '5' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseOptions();
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
  const message = error instanceof Error ? error.message : String(error);
  console.error(`telegraf-otel demo failed: ${message.replace(/^telegraf-otel: /, '')}`);
  process.exitCode = 1;
}
