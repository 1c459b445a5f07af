// Fixed identifiers shared by datasources, dashboards, alert rules and notifications. Grafana
// links objects by these uids and names, so they never change once released.

export const datasourceUids = {
  prometheus: 'prometheus',
  loki: 'loki',
  tempo: 'tempo',
} as const;

/** The dashboards' folder, created by the dashboard provider with this uid. */
export const folder = { uid: 'telegram-bots', title: 'Telegram bots' } as const;

/**
 * The alert rules' folder. Rule files name a folder by title only, and Grafana provisions alerting
 * before dashboards: a rule folder titled like the dashboards' would exist first with a generated
 * uid, and the provider would then have to create a second folder of the same title.
 */
export const alertFolderTitle = 'Telegram bot alerts';

export const dashboardUids = {
  botOverview: 'telegram-bot-overview',
  securityAudit: 'telegram-security-audit',
  pipelineHealth: 'telegram-pipeline-health',
} as const;

export const contactPoints = {
  telegram: { name: 'telegram-alerts', uid: 'telegram-alerts' },
  webhook: { name: 'webhook-alerts', uid: 'webhook-alerts' },
} as const;

export const telegramTemplateName = 'telegram.message';

export const muteTimingNames = { nightHours: 'night-hours' } as const;

/**
 * Where docker-compose.yml mounts this folder and the credentials inside the Grafana container
 * (its init service installs the certificates and secrets into one directory per service).
 */
const credentials = '/etc/grafana/credentials';
export const containerPaths = {
  dashboards: '/etc/grafana/dashboards',
  caCert: `${credentials}/ca.crt`,
  clientCert: `${credentials}/grafana.crt`,
  clientKey: `${credentials}/grafana.key`,
  telegramBotToken: `${credentials}/telegram_alert_bot_token`,
  webhookToken: `${credentials}/alert_webhook_token`,
} as const;
