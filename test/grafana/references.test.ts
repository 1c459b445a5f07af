import { describe, expect, it } from 'vitest';
import { loadCommitted } from './provisioning-files.js';

// Typed views of the committed files (their shapes are checked by provisioning-schema.test.ts).
interface Datasource {
  uid: string;
  jsonData: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
}
interface Panel {
  id: number;
  datasource: { uid: string };
  targets: { expr: string }[];
}
interface Dashboard {
  uid: string;
  panels: Panel[];
  templating: { list: { datasource: { uid: string } }[] };
}
interface Query {
  refId: string;
  datasourceUid: string;
}
interface Rule {
  uid: string;
  title: string;
  condition: string;
  for: string;
  data: Query[];
  dashboardUid?: string;
  panelId?: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}
interface Route {
  receiver?: string;
  mute_time_intervals?: string[];
  routes?: Route[];
}
interface Receiver {
  uid: string;
  settings: Record<string, unknown>;
}

const datasources = (
  loadCommitted('provisioning/datasources/datasources.yaml') as { datasources: Datasource[] }
).datasources;
const provider = (
  loadCommitted('provisioning/dashboards/dashboards.yaml') as {
    providers: { folder: string; folderUid: string; options: { path: string } }[];
  }
).providers[0];
const dashboards = ['bot-overview', 'security-audit', 'pipeline-health'].map(
  (name) => loadCommitted(`dashboards/${name}.json`) as Dashboard,
);
const groups = (
  loadCommitted('provisioning/alerting/rules.yaml') as {
    groups: { folder: string; rules: Rule[] }[];
  }
).groups;
const rules = groups.flatMap((group) => group.rules);
const contactPoints = (
  loadCommitted('provisioning/alerting/contact-points.yaml') as {
    contactPoints: { name: string; receivers: Receiver[] }[];
  }
).contactPoints;
const templates = (
  loadCommitted('provisioning/alerting/templates.yaml') as {
    templates: { name: string; template: string }[];
  }
).templates;
const policies = (loadCommitted('provisioning/alerting/policies.yaml') as { policies: Route[] })
  .policies;
const muteTimes = (
  loadCommitted('provisioning/alerting/mute-timings.yaml') as { muteTimes: { name: string }[] }
).muteTimes;

const datasourceUids = datasources.map((datasource) => datasource.uid);
const routesOf = (route: Route): Route[] => [route, ...(route.routes ?? []).flatMap(routesOf)];
const allRoutes = policies.flatMap(routesOf);

/** Every `datasourceUid` key anywhere in a value. */
function nestedDatasourceUids(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(nestedDatasourceUids);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'datasourceUid' && typeof inner === 'string' ? [inner] : nestedDatasourceUids(inner),
  );
}

describe('references between Grafana provisioning files resolve', () => {
  it('uids are unique: datasources, dashboards, rules, receivers', () => {
    for (const uids of [
      datasourceUids,
      dashboards.map((d) => d.uid),
      rules.map((r) => r.uid),
      contactPoints.flatMap((c) => c.receivers.map((r) => r.uid)),
    ]) {
      expect(new Set(uids).size).toBe(uids.length);
    }
  });

  it('datasource links (trace ids, traces to logs, exemplars) name provisioned datasources', () => {
    const links = datasources.flatMap((d) => nestedDatasourceUids(d.jsonData));
    expect(links.length).toBeGreaterThan(0);
    for (const uid of links) expect(datasourceUids).toContain(uid);
  });

  it('panels and dashboard variables query provisioned datasources', () => {
    for (const dashboard of dashboards) {
      for (const panel of dashboard.panels) expect(datasourceUids).toContain(panel.datasource.uid);
      for (const variable of dashboard.templating.list) {
        expect(datasourceUids).toContain(variable.datasource.uid);
      }
    }
  });

  it('panel ids are unique within each dashboard', () => {
    for (const dashboard of dashboards) {
      const ids = dashboard.panels.map((panel) => panel.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('rule queries use provisioned datasources or expressions', () => {
    for (const rule of rules) {
      for (const query of rule.data) {
        expect([...datasourceUids, '__expr__']).toContain(query.datasourceUid);
      }
    }
  });

  it('rules live in a folder of their own, not titled like the dashboards’ (created first by uid)', () => {
    for (const group of groups) expect(group.folder).not.toBe(provider?.folder);
  });

  it('every rule links to an existing dashboard panel', () => {
    for (const rule of rules) {
      const dashboard = dashboards.find((d) => d.uid === rule.dashboardUid);
      expect(dashboard, rule.uid).toBeDefined();
      expect(dashboard?.panels.map((panel) => panel.id)).toContain(rule.panelId);
    }
  });

  it('every rule has a severity the notification policy routes, a summary and a description', () => {
    const routedSeverities = allRoutes.flatMap((route) =>
      ((route as { object_matchers?: string[][] }).object_matchers ?? [])
        .filter(([name, op]) => name === 'severity' && op === '=')
        .map(([, , value]) => value),
    );
    for (const rule of rules) {
      expect(routedSeverities).toContain(rule.labels.severity);
      expect(rule.annotations.summary?.length, rule.uid).toBeGreaterThan(10);
      expect(rule.annotations.description?.length, rule.uid).toBeGreaterThan(20);
    }
  });

  it('every receiver of the policy tree is a contact point', () => {
    const names = contactPoints.map((point) => point.name);
    for (const route of allRoutes) {
      if (route.receiver !== undefined) expect(names).toContain(route.receiver);
    }
  });

  it('every mute timing a route uses is provisioned', () => {
    const used = allRoutes.flatMap((route) => route.mute_time_intervals ?? []);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(muteTimes.map((m) => m.name)).toContain(name);
  });

  it('every template a contact point calls is defined by a provisioned template', () => {
    const defined = templates.flatMap((t) =>
      [...t.template.matchAll(/\{\{-?\s*define\s+"([^"]+)"/g)].map((match) => match[1]),
    );
    const called = contactPoints.flatMap((point) =>
      point.receivers.flatMap((receiver) =>
        [...String(receiver.settings.message ?? '').matchAll(/\{\{-?\s*template\s+"([^"]+)"/g)].map(
          (match) => match[1],
        ),
      ),
    );
    expect(called.length).toBeGreaterThan(0);
    for (const name of called) expect(defined).toContain(name);
  });
});

// Grafana expands `$__file{}`, `$__env{}` and `$VAR` in these fields at startup; anything else
// written with `$` would silently become an empty string.
const expandedValues: [string, unknown][] = [
  ...datasources.map((d): [string, unknown] => [`datasource ${d.uid}`, d]),
  ...contactPoints.map((c): [string, unknown] => [`contact point ${c.name}`, c.receivers]),
  ...rules.map((r): [string, unknown] => [
    `rule ${r.uid}`,
    [r.title, r.condition, r.for, r.labels],
  ]),
];

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('values Grafana expands at startup', () => {
  it('rule annotations hold no braced variable: Grafana expands those there, keeping $labels', () => {
    for (const rule of rules) {
      for (const text of Object.values(rule.annotations)) expect(text).not.toContain('${');
    }
  });

  it.each(expandedValues)('%s uses only $__file{}, $__env{} or an escaped $$', (_what, value) => {
    for (const text of strings(value)) {
      const leftover = text.replace(/\$\$|\$__file\{[^}]+\}|\$__env\{[A-Z_]+\}/g, '');
      expect(leftover, text).not.toContain('$');
    }
  });
});
