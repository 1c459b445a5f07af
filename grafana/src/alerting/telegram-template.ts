import { NotificationTemplateBuilder } from '@grafana/grafana-foundation-sdk/alerting';
import { telegramTemplateName } from '../names.ts';

// Telegram HTML: every value is passed through `html` because Grafana does not escape, and a
// stray `<` or `&` makes Telegram refuse the whole message. Only the rule's name, severity,
// summary, value and start time are printed — never the alert's other labels, so no
// pseudonym or id can reach the chat.
const body = `{{ define "${telegramTemplateName}" -}}
{{ range .Alerts -}}
{{ if eq .Status "firing" }}🔥 <b>FIRING</b>{{ else }}✅ <b>RESOLVED</b>{{ end }} · {{ .Labels.severity | toUpper | html }}
<b>{{ .Labels.alertname | html }}</b>
{{ .Annotations.summary | html }}
{{ with index .Values "B" }}Value: {{ printf "%.4g" . }}
{{ end -}}
Since: {{ .StartsAt.UTC.Format "2006-01-02 15:04 UTC" }}
{{ if .PanelURL }}<a href="{{ .PanelURL | html }}">Panel</a> · {{ end }}<a href="{{ .SilenceURL | html }}">Silence</a>

{{ end -}}
{{ end }}`;

export const telegramTemplate = new NotificationTemplateBuilder()
  .name(telegramTemplateName)
  .template(body)
  .build();
