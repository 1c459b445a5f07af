// Markdown tables of the figures in bench/results/*.json, for the terminal and the README's
// "Performance" section. Run by run-all.mjs with Node's type stripping, hence the .ts imports.
import { formatRatio, formatSpread, type Spread } from './stats.ts';

interface ResultRecord {
  benchmark: string;
  machine: { node: string; cpuModel: string; cores: number };
  loadAverage: { atStart: number[]; atEnd: number[] };
  // biome-ignore lint/suspicious/noExplicitAny: each benchmark writes its own shape
  figures: any;
}

const VARIANTS = ['bare', 'telegraf-otel', 'sdk-floor', 'generic'] as const;
const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
const load = (record: ResultRecord) =>
  `load average ${record.loadAverage.atStart.join(' ')} → ${record.loadAverage.atEnd.join(' ')}`;

function cpuPerUpdate(record: ResultRecord): string[] {
  const { figures } = record;
  const lines = [
    `Bot CPU per update, ${figures.rounds} interleaved rounds (${figures.updatesPerSegment.noop} no-op / ${figures.updatesPerSegment.reply} reply updates per segment), ` +
      `medians of per-round ratios to bare with min–max; ${load(record)}:`,
    '',
    '| workload | variant | bot CPU µs/update | CPU vs bare | wall vs bare | p50 vs bare | p99.9 vs bare |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const workload of ['noop', 'reply']) {
    const { variants, telegrafOtelCpuVsGeneric, telegrafOtelCpuAboveFloor } =
      figures.workloads[workload];
    for (const variant of VARIANTS) {
      const v = variants[variant];
      const ratio = (spread: Spread) => (variant === 'bare' ? '' : formatRatio(spread));
      const sign = v.cpuAddedMicros.median >= 0 ? '+' : '';
      const added = variant === 'bare' ? '' : `, ${sign}${formatSpread(v.cpuAddedMicros)}`;
      lines.push(
        `| ${workload === 'noop' ? 'no-op handler' : 'reply via fake Bot API'} | ${variant} | ${formatSpread(v.cpuMicros)}${added} | ` +
          `${ratio(v.cpuRatio)} | ${ratio(v.wallRatio)} | ${ratio(v.p50Ratio)} | ${ratio(v.p999Ratio)} |`,
      );
    }
    lines.push(`| | telegraf-otel ÷ generic | | ${formatRatio(telegrafOtelCpuVsGeneric)} | | | |`);
    lines.push(
      `| | telegraf-otel − sdk-floor | ${formatSpread(telegrafOtelCpuAboveFloor)} µs | | | | |`,
    );
  }
  const own = figures.exported['telegraf-otel'];
  const floor = figures.exported['sdk-floor'];
  lines.push(
    '',
    `Exported to the receiver: telegraf-otel ${own.updateSpans} update spans and ${own.updateLogs} log records for ${own.updates} updates; ` +
      `sdk-floor ${floor.updateSpans} and ${floor.updateLogs}; ` +
      `generic ${figures.exported.generic.spans} spans for ${figures.exported.generic.updates} updates.`,
  );
  return lines;
}

function collectorPath(record: ResultRecord): string[] {
  const { figures } = record;
  const lines = [
    `Whole path through the collector, ${figures.rounds} rounds${figures.pinned ? ', bot and collector pinned to different cores' : ''}; ${load(record)}:`,
    '',
    '| workload | bare bot CPU µs/update | telegraf-otel bot CPU µs/update | ratio |',
    '|---|---|---|---|',
  ];
  for (const workload of ['noop', 'reply']) {
    const w = figures.workloads[workload];
    lines.push(
      `| ${workload} | ${formatSpread(w.bareCpuMicros)} | ${formatSpread(w.telegrafOtelCpuMicros)} | ${formatRatio(w.cpuRatio)} |`,
    );
  }
  lines.push(
    '',
    `Delivered of ${figures.handledUpdates} handled updates: ${figures.delivered.spans} update spans, ${figures.delivered.logRecords} log records; ` +
      `dropped ${figures.droppedAtDestination.spans} spans, ${figures.droppedAtDestination.logRecords} log records.`,
  );
  return lines;
}

function memoryOutage(record: ResultRecord): string[] {
  const { figures } = record;
  const { heap, rss, queueBound, phaseSeconds } = figures;
  const perRecord = Math.round((heap.outagePeak - heap.before) / queueBound.recordsHeldAtMost);
  return [
    `Memory, ${figures.updatesPerSecond} replies/s with the collector down for ${phaseSeconds.outage} s ` +
      `(bounds: ${queueBound.maxQueueSizePerSignal} records per signal queued + one ${queueBound.exportBatchInFlightPerSignal}-record batch in flight; ` +
      `redaction's content registry ${mib(queueBound.contentRegistry.maxBytes)} / ${queueBound.contentRegistry.maxTraces} traces); ${load(record)}:`,
    '',
    '| | before | outage peak | after recovery |',
    '|---|---|---|---|',
    `| heap after GC | ${mib(heap.before)} | ${mib(heap.outagePeak)} (last third ${mib(heap.outageLastThirdPeak)}) | ${mib(heap.after)} |`,
    `| RSS | ${mib(rss.before)} | ${mib(rss.outagePeak)} | ${mib(rss.after)} |`,
    '',
    `Heap growth at the peak: ${mib(heap.outagePeak - heap.before)} (${perRecord} bytes per queued record if the queues alone held it); ` +
      `dropped by the SDK: ${figures.droppedBySdk?.spans} spans, ${figures.droppedBySdk?.logRecords} log records of ${figures.handledUpdates} updates (a reply makes two spans: the update and its sendMessage call).`,
  ];
}

const TABLES: Record<string, (record: ResultRecord) => string[]> = {
  'cpu-per-update': cpuPerUpdate,
  'collector-path': collectorPath,
  'memory-outage': memoryOutage,
};

export function summaryTable(records: ResultRecord[]): string {
  const first = records[0];
  if (!first) return '';
  const { node, cpuModel, cores } = first.machine;
  const sections = [`Node ${node}, ${cpuModel}, ${cores} cores.`];
  for (const record of records) {
    const table = TABLES[record.benchmark];
    if (table) sections.push(table(record).join('\n'));
  }
  return sections.join('\n\n');
}
