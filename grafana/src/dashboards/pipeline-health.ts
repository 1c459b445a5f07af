import { dashboardUids } from '../names.ts';
import {
  collectorCounter,
  collectorJob,
  dashboardFilter,
  dropReportSpans,
  orZero,
  perBot,
  recentCount,
  selector,
  spanCalls,
} from '../promql.ts';
import { promTable, timeseries } from './panels.ts';
import { botDashboard, rate } from './variables.ts';

const collectorSignals = [
  { suffix: 'spans', legend: 'spans' },
  { suffix: 'log_records', legend: 'log records' },
];

// A failure counter shows 0 for every component that handled records without failing.
const baselines = { receiver: 'receiver_accepted', exporter: 'exporter_sent' };

/** One query per signal of a collector failure counter, e.g. receiver_refused. */
function perSignal(name: string, by: keyof typeof baselines) {
  return collectorSignals.map(({ suffix, legend }) => {
    const counter = collectorCounter(name, suffix);
    const baseline = collectorCounter(baselines[by], suffix);
    return {
      expr: orZero(`sum by (${by}) (${rate(counter)})`, `sum by (${by}) (${rate(baseline)})`),
      legend: `${legend} {{${by}}}`,
    };
  });
}

export const pipelineHealthPanels = {
  accepted: { id: 1, title: 'Records accepted by the collector' },
  refused: { id: 2, title: 'Records refused by the collector' },
  dropped: { id: 3, title: 'Records dropped at the collector' },
  queue: { id: 4, title: 'Exporter queue usage' },
  sent: { id: 5, title: 'Records sent by exporter' },
  sdkDrops: { id: 6, title: 'SDK-reported drops' },
  lastSeen: { id: 7, title: 'Last data seen per service' },
} as const;

const p = pipelineHealthPanels;

export const pipelineHealth = botDashboard(
  dashboardUids.pipelineHealth,
  'Telegram bot telemetry pipeline health',
  'Is telemetry arriving? The collector’s own metrics (accepted, refused, dropped, queues) and the drops the bots’ SDK reports.',
)
  .withPanel(
    timeseries(
      {
        ...p.accepted,
        description:
          'Spans and log records per second the collector’s OTLP receiver accepted from all bots (collector metrics carry no bot label, so the service filter does not apply).',
      },
      'ops',
      collectorSignals.map(({ suffix, legend }) => ({
        expr: `sum by (receiver) (${rate(collectorCounter('receiver_accepted', suffix))})`,
        legend: `${legend} {{receiver}}`,
      })),
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.refused,
        description:
          'Records the receiver refused, usually because the memory limiter pushed back. The SDK retries refused batches; persistent refusals lose data.',
      },
      'ops',
      perSignal('receiver_refused', 'receiver'),
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.dropped,
        description:
          'Records lost at the collector: exports that failed after all retries and records that did not fit into a full sending queue, by exporter (Loki, Tempo, Prometheus).',
      },
      'ops',
      [
        ...perSignal('exporter_send_failed', 'exporter'),
        ...perSignal('exporter_enqueue_failed', 'exporter'),
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.queue,
        description:
          'How full each exporter’s persistent sending queue is. A queue that keeps growing means its backend (Loki, Tempo or Prometheus) is down or too slow; at 100 % new records are dropped.',
      },
      'percentunit',
      [
        {
          expr: `max by (exporter) (${selector('otelcol_exporter_queue_size', collectorJob)}) / max by (exporter) (${selector('otelcol_exporter_queue_capacity', collectorJob)})`,
          legend: '{{exporter}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.sent,
        description: 'Records per second each exporter delivered to its backend.',
      },
      'ops',
      collectorSignals.map(({ suffix, legend }) => ({
        expr: `sum by (exporter) (${rate(collectorCounter('exporter_sent', suffix))})`,
        legend: `${legend} {{exporter}}`,
      })),
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.sdkDrops,
        description:
          'Drop reports from the bots’ SDK per second (`telegram.telemetry.dropped` spans, one per reporting interval in which its export buffer overflowed or the collector was unreachable), per bot and dropped signal.',
      },
      'ops',
      [
        {
          expr: orZero(
            `sum by (service_name, telegram_telemetry_signal) (${rate(selector(spanCalls, dropReportSpans, ...dashboardFilter))})`,
            `sum by (service_name, telegram_telemetry_signal) (${rate(selector(spanCalls, ...dashboardFilter))})`,
          ),
          legend: '{{service_name}} {{telegram_telemetry_signal}}',
        },
      ],
    ),
  )
  .withPanel(
    promTable(
      {
        ...p.lastSeen,
        description:
          'Seconds since the collector last counted a new span from each bot (looking back 6 hours, 15-second resolution). A bot that stops sending telemetry shows a growing number here before the "No telemetry" alert fires.',
      },
      's',
      {
        expr: `time() - max by (${perBot}) (last_over_time(timestamp(sum by (${perBot}) (${recentCount(selector(spanCalls, ...dashboardFilter), '1m')}) > 0)[6h:15s]))`,
      },
    ),
  );
