// Fixed identifiers shared by datasources, dashboards, alert rules and notifications. Grafana
// links objects by these uids and names, so they never change once released.

export const datasourceUids = {
  prometheus: 'prometheus',
  loki: 'loki',
  tempo: 'tempo',
} as const;

export const folder = { uid: 'telegram-bots', title: 'Telegram bots' } as const;

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

/** Where the compose file mounts this folder's files inside the Grafana container. */
export const containerPaths = {
  dashboards: '/etc/grafana/dashboards',
  caCert: '/etc/grafana/certs/ca.crt',
  clientCert: '/etc/grafana/certs/grafana.crt',
  clientKey: '/etc/grafana/certs/grafana.key',
  telegramBotToken: '/run/secrets/telegram_alert_bot_token',
  webhookToken: '/run/secrets/alert_webhook_token',
} as const;
