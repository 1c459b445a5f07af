import { botOverviewPanels } from '../dashboards/bot-overview.ts';
import { pipelineHealthPanels } from '../dashboards/pipeline-health.ts';
import { securityAuditPanels } from '../dashboards/security-audit.ts';
import { dashboardUids } from '../names.ts';
import {
  apiErrorCode,
  botApiSpans,
  collectorCounter,
  collectorJob,
  dropReportSpans,
  failedUpdates,
  orZero,
  perBot,
  recentCount,
  redactedSpans,
  secretRules,
  selector,
  spanCalls,
  spanDurationBuckets,
  updateSpans,
} from '../promql.ts';
import type { AlertRuleSpec } from './rule-factory.ts';

/** How long a bot that received updates may stay without any before "Bot silent" fires. */
export const botSilentAfter = '15m';
/** How long a bot may send no telemetry at all before "No telemetry" fires. */
export const noTelemetryAfter = '30m';

const updates = selector(spanCalls, updateSpans);
const countPerBot = (series: string, window: string): string =>
  `sum by (${perBot}) (${recentCount(series, window)})`;
const apiErrors = (code: number): string =>
  countPerBot(selector(spanCalls, botApiSpans, apiErrorCode(code)), '10m');
const collectorSignals = ['spans', 'log_records', 'metric_points'];

/** Records an exporter lost (send failed after retries, or queue full), 0 while it delivers. */
const collectorDrops = collectorSignals
  .map((signal) => {
    const sent = `sum by (exporter) (${collectorCounter('exporter_sent', signal)})`;
    const lost = (kind: string) =>
      orZero(
        `sum by (exporter) (${recentCount(collectorCounter(`exporter_${kind}_failed`, signal), '15m')})`,
        sent,
      );
    return `(${lost('send')} + ${lost('enqueue')})`;
  })
  .join(' or ');

const overview = (panelId: number) => ({ dashboardUid: dashboardUids.botOverview, panelId });
const security = (panelId: number) => ({ dashboardUid: dashboardUids.securityAudit, panelId });
const pipeline = (panelId: number) => ({ dashboardUid: dashboardUids.pipelineHealth, panelId });
const bot = '{{ $labels.service_name }} ({{ $labels.deployment_environment_name }})';

export const alertRules: AlertRuleSpec[] = [
  {
    uid: 'telegram-bot-error-ratio-high',
    title: 'Bot error ratio high',
    severity: 'warning',
    datasource: 'prometheus',
    expr: `${orZero(countPerBot(selector(spanCalls, updateSpans, failedUpdates), '10m'), countPerBot(updates, '10m'))} / ${countPerBot(updates, '10m')}`,
    threshold: { type: 'gt', value: 0.05 },
    for: '5m',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `{{ humanizePercentage $values.B.Value }} of the updates failed or timed out on ${bot}`,
    description:
      'More than 5 % of the updates handled in the last 10 minutes ended with outcome error or timeout, for 5 minutes.',
    panel: overview(botOverviewPanels.errorRatio.id),
  },
  {
    uid: 'telegram-bot-silent',
    title: 'Bot silent',
    severity: 'warning',
    datasource: 'prometheus',
    // 1 when a bot that received updates within the last hour received none recently.
    expr: `(${countPerBot(updates, botSilentAfter)} == bool 0) or group by (${perBot}) (present_over_time(${updates}[1h]))`,
    threshold: { type: 'gt', value: 0 },
    for: '1m',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `${bot} received no updates for ${botSilentAfter}`,
    description: `The bot received updates within the last hour but none in the last ${botSilentAfter}: polling or the webhook may be broken, or the bot process is down.`,
    panel: overview(botOverviewPanels.updates.id),
  },
  {
    uid: 'telegram-bot-api-unauthorized',
    title: 'Bot API token rejected (401)',
    severity: 'critical',
    datasource: 'prometheus',
    expr: apiErrors(401),
    threshold: { type: 'gt', value: 0 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `Telegram answered 401 Unauthorized to ${bot} ({{ $values.B.Value }} calls in 10 min)`,
    description:
      'The Bot API refused the bot token: it was revoked in @BotFather, regenerated, or the bot runs with the wrong token. The bot cannot send or receive anything.',
    panel: overview(botOverviewPanels.apiCalls.id),
  },
  {
    uid: 'telegram-bot-api-forbidden-burst',
    title: 'Bot API 403 burst (bot blocked)',
    severity: 'warning',
    datasource: 'prometheus',
    expr: apiErrors(403),
    threshold: { type: 'gte', value: 10 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `{{ $values.B.Value }} Bot API calls of ${bot} answered 403 Forbidden in 10 min`,
    description:
      'At least 10 calls in 10 minutes were refused with 403: many users blocked the bot, or it was removed from groups it writes to (often after a broadcast).',
    panel: overview(botOverviewPanels.apiCalls.id),
  },
  {
    uid: 'telegram-bot-api-rate-limited',
    title: 'Bot API rate limiting sustained (429)',
    severity: 'warning',
    datasource: 'prometheus',
    expr: apiErrors(429),
    threshold: { type: 'gte', value: 5 },
    for: '5m',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `${bot} is rate limited by Telegram ({{ $values.B.Value }} × 429 in 10 min)`,
    description:
      'At least 5 calls in 10 minutes were answered 429 Too Many Requests, for 5 minutes: the bot sends faster than Telegram allows and messages are delayed.',
    panel: overview(botOverviewPanels.rateLimited.id),
  },
  {
    uid: 'telegram-bot-latency-high',
    title: 'Bot handling latency high (p95)',
    severity: 'warning',
    datasource: 'prometheus',
    expr: `histogram_quantile(0.95, sum by (${perBot}, le) (rate(${selector(spanDurationBuckets, updateSpans)}[5m])))`,
    threshold: { type: 'gt', value: 2000 },
    for: '10m',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `p95 handling time of ${bot} is {{ humanize $values.B.Value }} ms`,
    description:
      'The 95th percentile of update handling time over 5 minutes stayed above 2 s for 10 minutes: users wait for answers.',
    panel: overview(botOverviewPanels.latency.id),
  },
  {
    uid: 'telegram-bot-user-flood',
    title: 'Flood from one user',
    severity: 'warning',
    datasource: 'loki',
    // Loki, because a pseudonym is never a metric label; the alert keeps only the bot's labels.
    expr: `max by (service_name, deployment_environment_name) (sum by (service_name, deployment_environment_name, telegram_user_hash) (count_over_time({service_name=~".+"} | event_name=~"telegram[.]update[.](handled|failed)" | telegram_user_hash!="" [5m])))`,
    threshold: { type: 'gt', value: 150 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `One user sent {{ $values.B.Value }} updates in 5 min to ${bot}`,
    description:
      'A single user (one pseudonym) sent more than 150 updates in 5 minutes. Find the pseudonym on the Security and audit dashboard ("Busiest pseudonymous users").',
    panel: security(securityAuditPanels.busiestUsers.id),
  },
  {
    uid: 'telegram-bot-secret-caught',
    title: 'Secret caught by redaction',
    severity: 'critical',
    datasource: 'prometheus',
    expr: countPerBot(selector(redactedSpans, secretRules), '10m'),
    threshold: { type: 'gt', value: 0 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `${bot} tried to export a credential ({{ $values.B.Value }} spans in 10 min)`,
    description:
      'Redaction masked a secret (bot token, bearer token, private key, password…) in a span. It did not reach the backends, but the code that recorded it may also print it elsewhere.',
    panel: security(securityAuditPanels.secretsCaught.id),
  },
  {
    uid: 'telegram-bot-access-denied-burst',
    title: 'Access denied burst',
    severity: 'warning',
    datasource: 'prometheus',
    expr: countPerBot(selector(spanCalls, 'telegram_audit_outcome="denied"'), '10m'),
    threshold: { type: 'gte', value: 5 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `{{ $values.B.Value }} access-denied audit events on ${bot} in 10 min`,
    description:
      'At least 5 audit events with outcome denied in 10 minutes: someone is trying protected commands.',
    panel: security(securityAuditPanels.accessDenied.id),
  },
  {
    uid: 'telegram-bot-sdk-telemetry-dropped',
    title: 'Telemetry dropped by the SDK',
    severity: 'warning',
    datasource: 'prometheus',
    expr: countPerBot(selector(spanCalls, dropReportSpans), '15m'),
    threshold: { type: 'gt', value: 0 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `${bot} dropped telemetry before export`,
    description:
      'The bot’s SDK reported dropped spans or log records in the last 15 minutes: its export buffer overflowed or the collector was unreachable.',
    panel: pipeline(pipelineHealthPanels.sdkDrops.id),
  },
  {
    uid: 'telegram-collector-telemetry-dropped',
    title: 'Telemetry dropped by the collector',
    severity: 'warning',
    datasource: 'prometheus',
    expr: collectorDrops,
    threshold: { type: 'gt', value: 0 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: 'Collector exporter {{ $labels.exporter }} lost {{ $values.B.Value }} records',
    description:
      'In the last 15 minutes the collector gave up sending records to a backend after retries, or its sending queue was full.',
    panel: pipeline(pipelineHealthPanels.dropped.id),
  },
  {
    uid: 'telegram-collector-queue-filling',
    title: 'Collector export queue filling',
    severity: 'warning',
    datasource: 'prometheus',
    expr: `max by (exporter) (${selector('otelcol_exporter_queue_size', collectorJob)}) / max by (exporter) (${selector('otelcol_exporter_queue_capacity', collectorJob)})`,
    threshold: { type: 'gt', value: 0.8 },
    for: '5m',
    noDataState: 'OK',
    execErrState: 'Error',
    summary:
      'Collector queue of {{ $labels.exporter }} is {{ humanizePercentage $values.B.Value }} full',
    description:
      'A sending queue stayed more than 80 % full for 5 minutes: its backend is down or too slow. When it is full, new records are dropped.',
    panel: pipeline(pipelineHealthPanels.queue.id),
  },
  {
    uid: 'telegram-bot-no-telemetry',
    title: 'No telemetry from a bot',
    severity: 'critical',
    datasource: 'prometheus',
    // 1 when a bot that sent spans within 6 hours sent none recently (updates or Bot API calls).
    expr: `(${countPerBot(spanCalls, noTelemetryAfter)} == bool 0) or group by (${perBot}) (present_over_time(${spanCalls}[6h]))`,
    threshold: { type: 'gt', value: 0 },
    for: '0s',
    noDataState: 'OK',
    execErrState: 'Error',
    summary: `No telemetry from ${bot} for ${noTelemetryAfter}`,
    description: `The bot sent spans within the last 6 hours but none in the last ${noTelemetryAfter}: the bot process, its SDK export or the collector is down.`,
    panel: pipeline(pipelineHealthPanels.lastSeen.id),
  },
];
