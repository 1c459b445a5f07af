import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telegramTemplateName } from '../../grafana/src/names.ts';
import { loadCommitted } from './provisioning-files.js';
import { buildTemplateChecker, type TemplateChecker } from './template-check.js';

const { templates } = loadCommitted('provisioning/alerting/templates.yaml') as {
  templates: { name: string; template: string }[];
};
const telegram = templates.find((t) => t.name === telegramTemplateName)?.template ?? '';

// Fields of Grafana's notification data (top level and per alert) and helpers on them.
const dataFields = [
  'Receiver',
  'Status',
  'Alerts',
  'GroupLabels',
  'CommonLabels',
  'CommonAnnotations',
  'ExternalURL',
  'AppVersion',
  'GroupKey',
  'TruncatedAlerts',
  'Firing',
  'Resolved',
  'Len',
  'Labels',
  'Annotations',
  'StartsAt',
  'EndsAt',
  'GeneratorURL',
  'Fingerprint',
  'SilenceURL',
  'DashboardURL',
  'PanelURL',
  'RuleUID',
  'Values',
  'ValueString',
  'ImageURL',
  'OrgID',
];
const maps = ['Labels', 'Annotations', 'GroupLabels', 'CommonLabels', 'CommonAnnotations'];
// The only label and annotation keys the chat may see: no pseudonym, id or other label.
const keysForTheChat = ['alertname', 'severity', 'summary', 'description'];
const timeMethods = ['UTC', 'Format'];

/** Why a field chain is not allowed in the Telegram message, or undefined when it is. */
function disallowed(chain: string[]): string | undefined {
  const [first, ...rest] = chain;
  if (first === undefined || !dataFields.includes(first)) return `unknown field ${first}`;
  if (maps.includes(first)) {
    return rest.length === 1 && keysForTheChat.includes(rest[0] ?? '')
      ? undefined
      : `${first}.${rest.join('.')} is not a key for the chat`;
  }
  if (first === 'StartsAt' || first === 'EndsAt') {
    return rest.every((method) => timeMethods.includes(method)) ? undefined : chain.join('.');
  }
  return rest.length === 0 || rest.every((name) => dataFields.includes(name))
    ? undefined
    : chain.join('.');
}

const pseudonym = 'u1-9f86d081884c7d65';
const alert = (status: string, startsAt: string) => ({
  Status: status,
  Labels: {
    alertname: 'Flood from one user',
    severity: 'warning',
    service_name: 'shop-bot',
    telegram_user_hash: pseudonym,
  },
  Annotations: { summary: 'One user sent 212 updates in 5 min to shop-bot <prod> & co' },
  StartsAt: startsAt,
  EndsAt: '0001-01-01T00:00:00Z',
  SilenceURL:
    'https://grafana.example/alerting/silence/new?matcher=alertname%3DFlood&matcher=severity%3Dwarning',
  PanelURL: 'https://grafana.example/d/telegram-security-audit?viewPanel=6',
  Values: { A: 212, B: 212, C: 1 },
});
const notification = {
  Receiver: 'telegram-alerts',
  Status: 'firing',
  Alerts: [alert('firing', '2026-12-02T03:04:05Z'), alert('resolved', '2026-12-02T01:00:00Z')],
  GroupLabels: { alertname: 'Flood from one user' },
  CommonLabels: { telegram_user_hash: pseudonym },
  ExternalURL: 'https://grafana.example/',
};

describe('the Telegram message template', () => {
  let checker: TemplateChecker;
  beforeAll(() => {
    checker = buildTemplateChecker();
  });
  afterAll(() => checker?.close());

  it('parses with Go text/template and Grafana’s function names, defining the contact point’s template', () => {
    const report = checker.check(telegram);
    expect(report.defined).toEqual([telegramTemplateName]);
    for (const called of report.called) expect(report.defined).toContain(called);
  });

  it('reads only notification-data fields, and of the labels only name and severity', () => {
    const report = checker.check(telegram);
    expect(report.fields.length).toBeGreaterThan(5);
    expect(report.fields.map(disallowed).filter(Boolean)).toEqual([]);
    expect(report.variables).toEqual([]);
  });

  it('renders Telegram HTML: escaped text, links, value and start time, no pseudonym', () => {
    const text = checker.render(telegram, telegramTemplateName, notification);
    expect(text).toContain('🔥 <b>FIRING</b> · WARNING');
    expect(text).toContain('✅ <b>RESOLVED</b>');
    expect(text).toContain('<b>Flood from one user</b>');
    expect(text).toContain('shop-bot &lt;prod&gt; &amp; co');
    expect(text).toContain('Value: 212');
    expect(text).toContain('Since: 2026-12-02 03:04 UTC');
    expect(text).toContain(
      '<a href="https://grafana.example/d/telegram-security-audit?viewPanel=6">Panel</a>',
    );
    expect(text).toContain(
      '?matcher=alertname%3DFlood&amp;matcher=severity%3Dwarning">Silence</a>',
    );
    expect(text).not.toContain(pseudonym);
    // Telegram's HTML mode accepts only its own tags; anything else is refused.
    for (const [tag] of text.matchAll(/<\/?[a-z]+[^>]*>/g)) {
      expect(tag).toMatch(/^<(b|\/b|\/a)>$|^<a href="[^"<>]+">$/);
    }
    expect([...text].length).toBeLessThan(4096);
  });
});

describe('the template checks can fail', () => {
  let checker: TemplateChecker;
  beforeAll(() => {
    checker = buildTemplateChecker();
  });
  afterAll(() => checker?.close());

  it('rejects a field Grafana does not provide', () => {
    const wrong = '{{ define "t" }}{{ range .Alerts }}{{ .Severity }}{{ end }}{{ end }}';
    expect(() => checker.render(wrong, 't', notification)).toThrow(/can't evaluate field Severity/);
  });

  it('rejects a function Grafana does not have', () => {
    expect(() => checker.check('{{ define "t" }}{{ .Status | humanize }}{{ end }}')).toThrow(
      /function "humanize" not defined/,
    );
  });

  it('flags a pseudonym label in the message', () => {
    const leaky =
      '{{ define "t" }}{{ range .Alerts }}{{ .Labels.telegram_user_hash }}{{ end }}{{ end }}';
    expect(checker.check(leaky).fields.map(disallowed).filter(Boolean)).toEqual([
      'Labels.telegram_user_hash is not a key for the chat',
    ]);
  });
});
