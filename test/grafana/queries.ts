import { loadCommitted } from './provisioning-files.js';

/** A query of a dashboard panel, a dashboard variable or an alert rule, as committed. */
export interface CommittedQuery {
  where: string;
  language: 'promql' | 'logql';
  expr: string;
  /** The dashboard's variables, to substitute before parsing. */
  variables: string[];
}

interface Dashboard {
  title: string;
  templating: { list: { name: string; query: string }[] };
  panels: { title: string; datasource: { uid: string }; targets: { expr: string }[] }[];
}
interface RulesFile {
  groups: {
    rules: { title: string; data: { datasourceUid: string; model: { expr?: string } }[] }[];
  }[];
}

const languageOf: Record<string, CommittedQuery['language']> = {
  prometheus: 'promql',
  loki: 'logql',
};
const dashboardFiles = ['bot-overview', 'security-audit', 'pipeline-health'];

export function dashboardQueries(): CommittedQuery[] {
  return dashboardFiles.flatMap((name) => {
    const dashboard = loadCommitted(`dashboards/${name}.json`) as Dashboard;
    const variables = dashboard.templating.list.map((variable) => variable.name);
    return dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) => ({
        where: `${dashboard.title} › ${panel.title}`,
        language: languageOf[panel.datasource.uid] ?? 'promql',
        expr: target.expr,
        variables,
      })),
    );
  });
}

export function ruleQueries(): CommittedQuery[] {
  const file = loadCommitted('provisioning/alerting/rules.yaml') as RulesFile;
  return file.groups.flatMap((group) =>
    group.rules.flatMap((rule) =>
      rule.data.flatMap((query) => {
        const language = languageOf[query.datasourceUid];
        if (language === undefined || query.model.expr === undefined) return [];
        return [{ where: `rule ${rule.title}`, language, expr: query.model.expr, variables: [] }];
      }),
    ),
  );
}

/** Dashboard variables' own queries (`label_values(metric, label)`) as PromQL selectors. */
export function variableSelectors(): CommittedQuery[] {
  return dashboardFiles.flatMap((name) => {
    const dashboard = loadCommitted(`dashboards/${name}.json`) as Dashboard;
    const variables = dashboard.templating.list.map((variable) => variable.name);
    return dashboard.templating.list.map((variable) => {
      const match = /^label_values\((.+),\s*(\w+)\)$/.exec(variable.query);
      if (!match?.[1]) throw new Error(`unexpected variable query ${variable.query}`);
      return {
        where: `${dashboard.title} › variable ${variable.name}`,
        language: 'promql' as const,
        expr: match[1],
        variables,
      };
    });
  });
}

// Representative values for Grafana's built-in interval macros; variables become their "All"
// value. Grafana substitutes these before the query reaches Prometheus or Loki.
const macros: Record<string, string> = {
  __rate_interval: '1m',
  __interval: '15s',
  __auto: '1m',
  __range: '1h',
};

/** The query as Grafana sends it, with macros and the dashboard's variables substituted. */
export function substituteGrafanaMacros(query: CommittedQuery, allValue = '.+'): string {
  return query.expr.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => {
    const macro = macros[name];
    if (macro !== undefined) return macro;
    return query.variables.includes(name) ? allValue : whole;
  });
}
