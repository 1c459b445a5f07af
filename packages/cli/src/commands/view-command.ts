import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_FILE } from '@telegraf-otel/sdk';
import { type Command, Option } from 'commander';
import { formatRecord } from '../view/format-record.js';
import { readLines } from '../view/read-lines.js';
import {
  createRecordFilter,
  type RecordFilterOptions,
  SEVERITY_LEVELS,
} from '../view/record-filter.js';
import { parseTelemetryLine } from '../view/telemetry-records.js';

interface ViewOptions extends RecordFilterOptions {
  follow: boolean;
  color?: boolean;
}

/** `telegraf-otel view [file]`: the file destination as one readable line per record. */
export function registerViewCommand(program: Command): void {
  program
    .command('view')
    .description(
      'print the telemetry file one line per span or log record, optionally following it',
    )
    .argument('[file]', `telemetry file (default: TELEGRAF_OTEL_FILE, else ${DEFAULT_FILE})`)
    .option('-f, --follow', 'keep printing records as they are written', false)
    .addOption(
      new Option('-s, --severity <level>', 'only records at this severity or above').choices(
        Object.keys(SEVERITY_LEVELS),
      ),
    )
    .option(
      '-e, --event <name>',
      'only this event or span name; * matches anything (telegram.update.*)',
    )
    .option('-t, --trace <id>', 'only this trace (an id or its first characters)')
    .option(
      '--no-color',
      'never colour the output (default: colours on a terminal, unless NO_COLOR)',
    )
    .action(async (file: string | undefined, options: ViewOptions) => {
      const path = resolve(file ?? (process.env.TELEGRAF_OTEL_FILE || DEFAULT_FILE));
      if (!options.follow && !existsSync(path)) {
        throw new Error(
          `no telemetry file at ${path}; pass its path, or set TELEGRAF_OTEL_FILE as the bot does (--follow waits for it)`,
        );
      }
      const colour =
        options.color !== false && process.stdout.isTTY === true && !('NO_COLOR' in process.env);
      const matches = createRecordFilter(options);
      const stop = new AbortController();
      process.once('SIGINT', () => stop.abort());
      let unreadable = 0;
      await readLines(
        path,
        (line) => {
          let records: ReturnType<typeof parseTelemetryLine>;
          try {
            records = parseTelemetryLine(line);
          } catch {
            unreadable++;
            return;
          }
          for (const record of records)
            if (matches(record)) console.log(formatRecord(record, colour));
        },
        { follow: options.follow, signal: stop.signal },
      );
      if (unreadable > 0)
        console.error(`telegraf-otel view: skipped ${unreadable} line(s) that are not OTLP/JSON`);
    });
}
