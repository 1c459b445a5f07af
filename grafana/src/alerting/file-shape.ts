import type { Rule, RuleGroup } from '@grafana/grafana-foundation-sdk/alerting';

// The SDK builds the shape of Grafana's provisioning HTTP API; files use another shape
// (group `name`, folder title, `interval` as a duration string, dashboard link as fields
// instead of `__dashboardUid__`/`__panelId__` annotations). This maps one to the other.

export interface FileRule {
  uid: string;
  title: string;
  condition: string;
  data: Rule['data'];
  dashboardUid?: string;
  panelId?: number;
  noDataState: Rule['noDataState'];
  execErrState: Rule['execErrState'];
  for: string;
  annotations: Record<string, string>;
  labels: Record<string, string>;
  isPaused: boolean;
}

export interface FileRuleGroup {
  orgId: number;
  name: string;
  folder: string;
  interval: string;
  rules: FileRule[];
}

function toFileRule(rule: Rule): FileRule {
  const { __dashboardUid__, __panelId__, ...annotations } = rule.annotations ?? {};
  if (rule.uid === undefined) throw new Error(`alert rule "${rule.title}" has no uid`);
  return {
    uid: rule.uid,
    title: rule.title,
    condition: rule.condition,
    data: rule.data,
    ...(__dashboardUid__ === undefined ? {} : { dashboardUid: __dashboardUid__ }),
    ...(__panelId__ === undefined ? {} : { panelId: Number(__panelId__) }),
    noDataState: rule.noDataState,
    execErrState: rule.execErrState,
    for: rule.for,
    annotations,
    labels: rule.labels ?? {},
    isPaused: rule.isPaused ?? false,
  };
}

export function toFileRuleGroup(group: RuleGroup, folderTitle: string): FileRuleGroup {
  if (group.title === undefined || group.interval === undefined) {
    throw new Error('a rule group needs a title and an interval');
  }
  return {
    orgId: 1,
    name: group.title,
    folder: folderTitle,
    interval: `${group.interval}s`,
    rules: (group.rules ?? []).map(toFileRule),
  };
}
