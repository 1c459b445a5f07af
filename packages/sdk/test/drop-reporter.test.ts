import type { DiagLogger } from '@opentelemetry/api';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { expect, it } from 'vitest';
import { DropReporter } from '../src/pipeline/drop-reporter.js';

const ignore = () => undefined;
const silent: DiagLogger = {
  error: ignore,
  warn: ignore,
  info: ignore,
  debug: ignore,
  verbose: ignore,
};

it('a report that is itself dropped is reported at the next interval, not lost', async () => {
  const reporter = new DropReporter(20, (message) => message, silent);
  const reports: number[] = [];
  reporter.setReportListener((_signal, count) => {
    reports.push(count);
    // The report's own span meets the same full queue the first time.
    if (reports.length === 1) reporter.record('spans', 1, 'queue_full');
  });
  reporter.record('spans', 5, 'queue_full');
  await waitFor('the dropped report to be reported', () => reports.length === 2, {
    timeoutMs: 2_000,
  });
  expect(reports).toEqual([5, 1]);
  expect(reporter.dropped('spans')).toBe(6);
  reporter.flush();
});
