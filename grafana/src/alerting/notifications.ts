import {
  type ContactPoint,
  ContactPointBuilder,
  NotificationPolicyBuilder,
} from '@grafana/grafana-foundation-sdk/alerting';
import { contactPoints, containerPaths, muteTimingNames, telegramTemplateName } from '../names.ts';

// Contact-point settings are expanded by Grafana at startup: secrets come from mounted files
// (`$__file{}`), the chat id and webhook address from the environment (`$__env{}`).
export const telegramContactPoint = new ContactPointBuilder()
  .name(contactPoints.telegram.name)
  .uid(contactPoints.telegram.uid)
  .type('telegram')
  .disableResolveMessage(false)
  .settings({
    bottoken: `$__file{${containerPaths.telegramBotToken}}`,
    chatid: '$__env{TELEGRAM_ALERT_CHAT_ID}',
    parse_mode: 'HTML',
    message: `{{ template "${telegramTemplateName}" . }}`,
    disable_web_page_preview: true,
    disable_notifications: false,
    protect_content: false,
  })
  .build();

export const webhookContactPoint = new ContactPointBuilder()
  .name(contactPoints.webhook.name)
  .uid(contactPoints.webhook.uid)
  .type('webhook')
  .disableResolveMessage(false)
  .settings({
    url: '$__env{ALERT_WEBHOOK_URL}',
    httpMethod: 'POST',
    authorization_scheme: 'Bearer',
    authorization_credentials: `$__file{${containerPaths.webhookToken}}`,
    maxAlerts: '0',
  })
  .build();

/** The file shape nests receivers under a contact point's name. */
export function toFileContactPoint(point: ContactPoint) {
  return {
    orgId: 1,
    name: point.name,
    receivers: [
      {
        uid: point.uid,
        type: point.type,
        disableResolveMessage: point.disableResolveMessage ?? false,
        settings: point.settings,
      },
    ],
  };
}

// A chat is read by people: one message per rule and bot, a short wait to batch a burst,
// reminders every few hours instead of every evaluation.
const chatGrouping = ['grafana_folder', 'alertname', 'service_name'];

export const notificationPolicy = new NotificationPolicyBuilder()
  .receiver(contactPoints.telegram.name)
  .groupBy(chatGrouping)
  .groupWait('45s')
  .groupInterval('5m')
  .repeatInterval('4h')
  .routes([
    // Critical alerts go to both; `continue` lets the next route send the chat message too.
    new NotificationPolicyBuilder()
      .receiver(contactPoints.webhook.name)
      .objectMatchers([['severity', '=', 'critical']])
      .continueVal(true),
    new NotificationPolicyBuilder()
      .receiver(contactPoints.telegram.name)
      .objectMatchers([['severity', '=', 'critical']])
      .groupWait('10s')
      .repeatInterval('1h'),
    // Warnings wait for the morning: see the night-hours mute timing.
    new NotificationPolicyBuilder()
      .receiver(contactPoints.telegram.name)
      .objectMatchers([['severity', '=', 'warning']])
      .muteTimeIntervals([muteTimingNames.nightHours]),
  ])
  .build();

// Written in the file shape directly: the SDK's time-interval types follow the HTTP API
// (`from`/`to`, numeric weekdays), the files use Alertmanager's (`start_time`/`end_time`).
// Alertmanager ranges cannot cross midnight, hence two ranges. Times are in `location`.
export const nightHoursMuteTiming = {
  orgId: 1,
  name: muteTimingNames.nightHours,
  time_intervals: [
    {
      times: [
        { start_time: '22:00', end_time: '24:00' },
        { start_time: '00:00', end_time: '07:00' },
      ],
      location: 'UTC',
    },
  ],
};
