import { describe, expect, it } from 'vitest';
import { committedFiles, loadCommitted } from './provisioning-files.js';
import { schemaFor } from './provisioning-schema.js';

const issuesOf = (path: string, value: unknown): string[] => {
  const result = schemaFor(path).safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('Grafana provisioning files match the documented formats', () => {
  it.each(committedFiles())('grafana/%s', (path) => {
    expect(issuesOf(path, loadCommitted(path))).toEqual([]);
  });
});

/** Sets the value at a dotted path such as `groups.0.rules.0.noDataState`. */
function setAt(root: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() as string;
  const parent = keys.reduce((node, key) => (node as Record<string, unknown>)[key], root);
  (parent as Record<string, unknown>)[last] = value;
}

// Each mistake below makes Grafana refuse to start or silently misbehave; the schema must say no.
const rules = 'provisioning/alerting/rules.yaml';
const firstRule = 'groups.0.rules.0';
const mistakes: [file: string, mistake: string, at: string, value: unknown][] = [
  [rules, 'a "strict" reduce mode', `${firstRule}.data.1.model.settings`, { mode: 'strict' }],
  [
    rules,
    'an empty relative time range',
    `${firstRule}.data.0.relativeTimeRange`,
    { from: 0, to: 0 },
  ],
  [rules, 'an unknown no-data state', `${firstRule}.noDataState`, 'Ok'],
  [rules, 'an interval that is not a multiple of 10 s', 'groups.0.interval', '45s'],
  [rules, 'the API-shape key folderUID', 'groups.0.folderUID', 'telegram-bots'],
  [rules, 'a condition that names no query', `${firstRule}.condition`, 'D'],
  [rules, 'an expression reading a missing refId', `${firstRule}.data.2.model.expression`, 'Z'],
  [rules, 'a backend-unknown reducer', `${firstRule}.data.1.model.reducer`, 'median'],
  [
    'provisioning/alerting/contact-points.yaml',
    'an inline bot token',
    'contactPoints.0.receivers.0.settings.bottoken',
    '123456:ABC',
  ],
  [
    'provisioning/datasources/datasources.yaml',
    'a TLS flag written as a string',
    'datasources.0.jsonData.tlsAuth',
    'true',
  ],
  [
    'provisioning/datasources/datasources.yaml',
    'an inline client key',
    'datasources.0.secureJsonData.tlsClientKey',
    '-----BEGIN PRIVATE KEY-----',
  ],
  [
    'provisioning/alerting/mute-timings.yaml',
    'a time range across midnight',
    'muteTimes.0.time_intervals.0.times',
    [{ start_time: '22:00', end_time: '07:00' }],
  ],
  [
    'provisioning/alerting/policies.yaml',
    'a misspelt matcher key',
    'policies.0.routes.0.object_matcher',
    [],
  ],
  ['dashboards/bot-overview.json', 'a panel without a description', 'panels.0.description', ''],
  ['dashboards/bot-overview.json', 'a panel wider than the grid', 'panels.1.gridPos.w', 13],
];

describe('the schemas reject known mistakes', () => {
  it.each(mistakes)('%s with %s', (path, _mistake, at, value) => {
    const file = loadCommitted(path);
    expect(issuesOf(path, file)).toEqual([]);
    setAt(file, at, value);
    expect(issuesOf(path, file)).not.toEqual([]);
  });
});
