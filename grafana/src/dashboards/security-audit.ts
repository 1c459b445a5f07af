import { dashboardUids } from '../names.ts';
import { dashboardFilter, orZero, recentCount, selector } from '../promql.ts';
import { logs, lokiTable, stat, timeseries } from './panels.ts';
import { botDashboard } from './variables.ts';

const redacted = selector('telegram_redacted_records_total', ...dashboardFilter);
const secrets = selector('telegram_secrets_caught_total', ...dashboardFilter);
const audit = selector('telegram_audit_events_total', ...dashboardFilter);
const denied = selector(
  'telegram_audit_events_total',
  'telegram_audit_outcome="denied"',
  ...dashboardFilter,
);
const rate = (series: string): string => `rate(${series}[$__rate_interval])`;
const lokiStream = '{service_name=~"$service", deployment_environment_name=~"$environment"}';

export const securityAuditPanels = {
  secretsCaught: { id: 1, title: 'Secrets caught' },
  accessDenied: { id: 2, title: 'Access denied' },
  redactions: { id: 3, title: 'Redaction activity by rule' },
  secretsBySignal: { id: 4, title: 'Secrets caught by signal' },
  auditEvents: { id: 5, title: 'Audit events by action and outcome' },
  busiestUsers: { id: 6, title: 'Busiest pseudonymous users' },
  auditLog: { id: 7, title: 'Audit log' },
} as const;

const p = securityAuditPanels;

export const securityAudit = botDashboard(
  dashboardUids.securityAudit,
  'Telegram bot security and audit',
  'What redaction caught, access decisions and the audit trail of bot actions. Users appear only as keyed pseudonyms.',
)
  .withPanel(
    stat(
      {
        ...p.secretsCaught,
        description:
          'Records in the selected time range in which a credential (bot token, bearer token, private key, password…) was found and masked before export. Anything above 0 means some code tried to log a secret: find it and rotate the secret.',
      },
      'short',
      { expr: `sum(${recentCount(secrets, '$__range')}) or vector(0)` },
    ),
  )
  .withPanel(
    stat(
      {
        ...p.accessDenied,
        description:
          'Audit events with outcome `denied` in the selected time range, e.g. an admin command from a user who is not an admin.',
      },
      'short',
      { expr: `sum(${recentCount(denied, '$__range')}) or vector(0)` },
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.redactions,
        description:
          'Log records and spans per second in which redaction masked something, by the comma-joined list of rules that fired (e-mail, phone number, card number, token…). Steady personal-data redactions are expected; a new rule appearing deserves a look.',
      },
      'ops',
      [
        {
          expr: `sum by (redaction_masked_rules, signal) (${rate(redacted)})`,
          legend: '{{redaction_masked_rules}} ({{signal}})',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.secretsBySignal,
        description:
          'Records per second in which a credential was masked, by signal (logs or spans). A spike right after a deploy points at the new code.',
      },
      'ops',
      [
        {
          expr: orZero(`sum by (signal) (${rate(secrets)})`, `sum by (signal) (${rate(redacted)})`),
          legend: '{{signal}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.auditEvents,
        description:
          'Audit events per second (`telegram.audit.<action>` records) by action and outcome (granted, denied, failed). Bursts of denied events mean someone is probing the bot’s protected commands.',
      },
      'ops',
      [
        {
          expr: `sum by (telegram_audit_action, telegram_audit_outcome) (${rate(audit)})`,
          legend: '{{telegram_audit_action}} {{telegram_audit_outcome}}',
        },
      ],
    ),
  )
  .withPanel(
    lokiTable(
      {
        ...p.busiestUsers,
        description:
          'The ten users who sent the most updates in the selected time range, as keyed pseudonyms (`telegram_user_hash`). The same user keeps the same pseudonym while the pseudonym key stays; only the key holder can link it to a Telegram id.',
      },
      {
        expr: `topk(10, sum by (telegram_user_hash) (count_over_time(${lokiStream} | event_name=~"telegram[.]update[.](handled|failed)" | telegram_user_hash!="" [$__range])))`,
      },
    ),
  )
  .withPanel(
    logs(
      {
        ...p.auditLog,
        description:
          'The audit stream (records marked `telegram.log.stream=audit`, kept longer than other logs): who (pseudonym) did what, and whether it was granted, denied or failed.',
      },
      '{service_name=~"$service", deployment_environment_name=~"$environment", telegram_log_stream="audit"}',
    ),
  );
