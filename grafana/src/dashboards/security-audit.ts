import { dashboardUids } from '../names.ts';
import {
  auditSpans,
  dashboardFilter,
  orZero,
  recentCount,
  redactedSpans,
  secretRules,
  selector,
  spanCalls,
} from '../promql.ts';
import { logs, lokiTable, stat, timeseries } from './panels.ts';
import { botDashboard, lokiStream, rate } from './variables.ts';

const redacted = selector(redactedSpans, ...dashboardFilter);
const secrets = selector(redactedSpans, secretRules, ...dashboardFilter);
const audit = selector(spanCalls, auditSpans, ...dashboardFilter);
const denied = selector(spanCalls, 'telegram_audit_outcome="denied"', ...dashboardFilter);

export const securityAuditPanels = {
  secretsCaught: { id: 1, title: 'Secrets caught' },
  accessDenied: { id: 2, title: 'Access denied' },
  redactions: { id: 3, title: 'Redaction activity by rule' },
  secretsPerBot: { id: 4, title: 'Secrets caught per bot' },
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
          'Spans in the selected time range in which a credential (bot token, bearer token, private key, password…) was found and masked before export. Anything above 0 means some code tried to export a secret: find it and consider the secret exposed.',
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
          'Audit events (`telegram.audit <action>` spans) with outcome `denied` in the selected time range, e.g. an admin command from a user who is not an admin.',
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
          'Spans per second in which redaction masked something, by the comma-joined list of rules that fired (e-mail, phone number, card number, token…). Steady personal-data redactions are expected; a new rule appearing deserves a look.',
      },
      'ops',
      [
        {
          expr: `sum by (redaction_masked_rules) (${rate(redacted)})`,
          legend: '{{redaction_masked_rules}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.secretsPerBot,
        description:
          'Spans per second in which a credential was masked, per bot. A spike right after a deploy points at the new code.',
      },
      'ops',
      [
        {
          expr: orZero(
            `sum by (service_name) (${rate(secrets)})`,
            `sum by (service_name) (${rate(selector(spanCalls, ...dashboardFilter))})`,
          ),
          legend: '{{service_name}}',
        },
      ],
    ),
  )
  .withPanel(
    timeseries(
      {
        ...p.auditEvents,
        description:
          'Audit events per second (`telegram.audit <action>` spans) by action and outcome (granted, denied, failed). Bursts of denied events mean someone is probing the bot’s protected commands.',
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
