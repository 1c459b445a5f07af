import { dashboardUids } from '../names.ts';
import {
  apiErrorCode,
  botApiSpans,
  dashboardFilter,
  failedUpdates,
  orZero,
  selector,
  spanCalls,
  spanDurationBuckets,
  updateSpans,
} from '../promql.ts';
import { logs, lokiTimeseries, promTable, timeseries } from './panels.ts';
import { botDashboard, lokiStream, rate } from './variables.ts';

const updates = selector(spanCalls, updateSpans, ...dashboardFilter);
const apiCalls = selector(spanCalls, botApiSpans, ...dashboardFilter);

const latency = (quantile: number): { expr: string; legend: string } => ({
  expr: `histogram_quantile(${quantile}, sum by (le, telegram_command) (${rate(selector(spanDurationBuckets, updateSpans, ...dashboardFilter))}))`,
  legend: `p${Math.round(quantile * 100)} {{telegram_command}}`,
});

export const botOverviewPanels = {
  updates: { id: 1, title: 'Updates per second by type' },
  errorRatio: { id: 2, title: 'Error ratio' },
  latency: { id: 3, title: 'Handling latency by command (p50, p95, p99)' },
  topCommands: { id: 4, title: 'Top commands' },
  apiCalls: { id: 5, title: 'Bot API calls by method and error code' },
  rateLimited: { id: 6, title: 'Rate-limited Bot API calls (429)' },
  retryAfter: { id: 7, title: 'Retry-after asked by Telegram' },
  timeouts: { id: 8, title: 'Updates that timed out' },
  failedUpdates: { id: 9, title: 'Recent failed updates' },
} as const;

const p = botOverviewPanels;

export const botOverview = botDashboard(
  dashboardUids.botOverview,
  'Telegram bot overview',
  'Traffic, errors, latency and Bot API health of Telegraf bots, from the span metrics the collector derives.',
)
  .withPanel(
    timeseries(
      {
        ...p.updates,
        description:
          'Updates the bot received per second, split by update type (message, callback_query, …). A drop to zero while users are active means the bot stopped receiving updates.',
      },
      'reqps',
      [
        {
          expr: `sum by (telegram_update_type) (${rate(updates)})`,
          legend: '{{telegram_update_type}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.errorRatio,
        description:
          'Share of updates whose handler threw or timed out, per bot. The "Bot error ratio high" alert fires above 5 %.',
      },
      'percentunit',
      [
        {
          expr: `${orZero(
            `sum by (service_name) (${rate(selector(spanCalls, updateSpans, failedUpdates, ...dashboardFilter))})`,
            `sum by (service_name) (${rate(updates)})`,
          )} / sum by (service_name) (${rate(updates)})`,
          legend: '{{service_name}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.latency,
        description:
          'How long handlers took, from the update span duration histogram, per registered command (`_OTHER` for anything else). Interpolated within histogram buckets.',
      },
      'ms',
      [latency(0.5), latency(0.95), latency(0.99)],
    ),
  )
  .withPanel(
    promTable(
      {
        ...p.topCommands,
        description:
          'The ten most used registered commands over the selected time range. Unregistered commands are counted as `_OTHER`, never by name.',
      },
      'short',
      {
        expr: `topk(10, sum by (telegram_command) (increase(${selector(spanCalls, updateSpans, 'telegram_command!=""', ...dashboardFilter)}[$__range])))`,
      },
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.apiCalls,
        description:
          'Calls the bot made to the Telegram Bot API per second, by method; failed calls carry the Bot API error code (401 token revoked, 403 blocked by the user, 429 rate limited).',
      },
      'reqps',
      [
        {
          expr: `sum by (telegram_api_method, telegram_api_error_code) (${rate(apiCalls)})`,
          legend: '{{telegram_api_method}} {{telegram_api_error_code}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.rateLimited,
        description:
          'Bot API calls refused with 429 Too Many Requests, per method. Sustained 429s mean the bot sends faster than Telegram allows (about 30 messages per second overall, 1 per second per chat).',
      },
      'reqps',
      [
        {
          expr: orZero(
            `sum by (telegram_api_method) (${rate(selector(spanCalls, botApiSpans, apiErrorCode(429), ...dashboardFilter))})`,
            `sum by (telegram_api_method) (${rate(apiCalls)})`,
          ),
          legend: '{{telegram_api_method}}',
        },
      ],
    ),
  )
  .withPanel(
    lokiTimeseries(
      {
        ...p.retryAfter,
        description:
          'The longest `retry_after` (seconds) Telegram asked for in its 429 answers, from the `telegram.api.failed` log records in Loki.',
      },
      's',
      {
        expr: `max by (service_name) (max_over_time(${lokiStream} | event_name="telegram.api.failed" | telegram_api_error_code="429" | unwrap telegram_api_retry_after [$__auto]))`,
        legend: '{{service_name}}',
      },
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.timeouts,
        description:
          'Updates whose handler exceeded Telegraf’s handler timeout, per update type. Timeouts usually point to a slow dependency of the handler.',
      },
      'reqps',
      [
        {
          expr: orZero(
            `sum by (telegram_update_type) (${rate(selector(spanCalls, updateSpans, 'telegram_update_outcome="timeout"', ...dashboardFilter))})`,
            `sum by (telegram_update_type) (${rate(updates)})`,
          ),
          legend: '{{telegram_update_type}}',
        },
      ],
    ),
  )
  .withPanel(
    logs(
      {
        ...p.failedUpdates,
        description:
          'The latest `telegram.update.failed` records (redacted, no message text). Open a record and follow "Open trace" to see the whole update in Tempo.',
      },
      `${lokiStream} | event_name="telegram.update.failed"`,
    ),
  );
