import type { DemoResult } from './run-demo.js';
import { attribute, type FileLogRecord, type FileSpan, plainValue } from './telemetry-file.js';

export const REQUIRED_FILE_MODE = 0o600;

/** Why the demo failed, or an empty list when it succeeded. */
export function demoProblems(result: DemoResult): string[] {
  const problems: string[] = [];
  if (result.seenByBotApi.length !== result.trafficCanaries) {
    problems.push(
      `positive control failed: only ${result.seenByBotApi.length} of ${result.trafficCanaries} planted values reached the Bot API, so the leak check proves nothing`,
    );
  }
  for (const canary of result.leaked)
    problems.push(`LEAK: a planted ${canary.kind} is in the telemetry file`);
  const { spans, logRecords, flushTimedOut } = result.undelivered;
  const losses = [
    ...(spans + logRecords > 0
      ? [`${count(spans, 'span')} and ${count(logRecords, 'log record')} dropped`]
      : []),
    ...(flushTimedOut ? ['the final flush timed out with records in flight'] : []),
  ];
  if (losses.length > 0) {
    problems.push(
      `telemetry was not delivered: ${losses.join('; ')}. Run \`npx @telegraf-otel/cli doctor\` to check the destination`,
    );
  }
  const { file } = result;
  if (file) {
    if (file.mode !== REQUIRED_FILE_MODE) {
      problems.push(
        `the telemetry file has mode ${octal(file.mode)}, expected ${octal(REQUIRED_FILE_MODE)}`,
      );
    }
    if (file.spans.length === 0 || file.logs.length === 0)
      problems.push('no spans or no log records were exported');
  }
  for (const problem of result.audit?.problems ?? [])
    problems.push(`audit trail ${problem.kind}: ${problem.message}`);
  return problems;
}

/** `1 log record`, `2 log records`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** Update spans by outcome (file destination only). */
function outcomes(result: DemoResult): string {
  const spans = result.file?.spans.filter((s) => s.name.startsWith('telegram.update ')) ?? [];
  const failed = spans.filter(
    (s) => attribute(s.attributes, 'telegram.update.outcome') === 'error',
  ).length;
  if (spans.length === 0) return `${count(result.updates, 'update')} sent to the bot`;
  return `${count(result.updates, 'update')}: ${spans.length - failed} handled, ${failed} failed (the /crash handler throws on purpose)`;
}

/** The secrets checked besides the ones sent through the Bot API (the pseudonym key). */
function checkedBesides(result: DemoResult): string {
  const others = result.canaries.slice(result.trafficCanaries).map((c) => c.kind);
  return others.length === 0
    ? ''
    : ` (the ${result.trafficCanaries} above and the ${others.join(' and the ')})`;
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

const SAMPLE_ATTRIBUTES = [
  'telegram.update.type',
  'telegram.message.type',
  'telegram.command',
  'telegram.user.hash',
  'telegram.update.outcome',
  'telegram.audit.outcome',
  'exception.message',
  'redaction.masked.count',
  'redaction.masked.rules',
];

function describeAttributes(attributes: FileSpan['attributes']): string {
  return SAMPLE_ATTRIBUTES.filter((key) => attribute(attributes, key) !== undefined)
    .map((key) => `${key}=${JSON.stringify(attribute(attributes, key))}`)
    .join(' ');
}

function describeLog(record: FileLogRecord): string {
  return `  log  ${record.severityText ?? '-'} ${record.eventName ?? '-'}: ${JSON.stringify(plainValue(record.body))}\n       ${describeAttributes(record.attributes)}`;
}

/** A few redacted records worth looking at: masked values, the failed update, an audit record. */
function samples(result: DemoResult): string[] {
  const file = result.file;
  if (!file) return [];
  const lines: string[] = [];
  const span = file.spans.find(
    (s) =>
      s.name === 'telegram.update message' &&
      attribute(s.attributes, 'telegram.command') === 'start',
  );
  if (span) lines.push(`  span ${span.name}\n       ${describeAttributes(span.attributes)}`);
  const supportRequest = file.logs.find((l) =>
    String(plainValue(l.body)).startsWith('support request'),
  );
  const failed = file.logs.find((l) => l.eventName === 'telegram.update.failed');
  const denied = file.logs.find(
    (l) => attribute(l.attributes, 'telegram.audit.outcome') === 'denied',
  );
  for (const record of [supportRequest, failed, denied])
    if (record) lines.push(describeLog(record));
  return lines;
}

/** The short human summary printed at the end of the demo. */
export function formatSummary(result: DemoResult, problems: readonly string[]): string {
  const lines = [`telegraf-otel demo: ${outcomes(result)}`];
  const { file } = result;
  if (file) {
    lines.push(
      `telemetry file: ${file.paths.at(-1)} (mode ${octal(file.mode)}, directory ${octal(file.directoryMode)})`,
      `exported: ${count(file.spans.length, 'span')}, ${count(file.logs.length, 'log record')}`,
      'sample redacted records:',
      ...samples(result),
      `positive control: ${result.seenByBotApi.length} of ${result.trafficCanaries} planted values (personal data and the bot token) reached the Bot API through the bot`,
      `leak check: ${result.leaked.length} of ${result.canaries.length} planted secrets${checkedBesides(result)} found in the telemetry file`,
    );
    if (result.audit) {
      const { records, chains, ok } = result.audit;
      lines.push(
        `audit trail: ${records} records in ${chains.length} hash chain(s), ${ok ? 'verified intact' : 'NOT intact'}`,
      );
    }
  } else {
    lines.push(
      problems.length === 0
        ? 'telemetry was delivered over OTLP; the leak check of the file destination was skipped'
        : 'telemetry went to an OTLP endpoint; the leak check of the file destination was skipped',
    );
  }
  lines.push(problems.length === 0 ? 'result: OK' : `result: FAILED\n  ${problems.join('\n  ')}`);
  return lines.join('\n');
}
