import {
  DashboardBuilder,
  QueryVariableBuilder,
  VariableRefresh,
  VariableSort,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { datasourceUids, folder } from '../names.ts';
import { spanCalls } from '../promql.ts';

// "All" matches any non-empty value: Loki refuses selectors whose every matcher accepts "".
const anyValue = '.+';

function labelVariable(name: string, label: string, query: string): QueryVariableBuilder {
  return new QueryVariableBuilder(name)
    .label(label)
    .datasource({ type: 'prometheus', uid: datasourceUids.prometheus })
    .query(query)
    .definition(query)
    .refresh(VariableRefresh.OnTimeRangeChanged)
    .sort(VariableSort.AlphabeticalAsc)
    .multi(true)
    .includeAll(true)
    .allValue(anyValue);
}

/** The Loki streams of the selected services and environments. */
export const lokiStream = '{service_name=~"$service", deployment_environment_name=~"$environment"}';

/** Per-second rate over Grafana's rate interval (at least four scrape intervals). */
export const rate = (series: string): string => `rate(${series}[$__rate_interval])`;

/** A dashboard in the bots' folder with the service and environment variables every query uses. */
export function botDashboard(uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['telegram', 'telegraf-otel', folder.uid])
    .readonly()
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .withVariable(
      labelVariable(
        'environment',
        'Environment',
        `label_values(${spanCalls}, deployment_environment_name)`,
      ),
    )
    .withVariable(
      labelVariable(
        'service',
        'Bot (service)',
        `label_values(${spanCalls}{deployment_environment_name=~"$environment"}, service_name)`,
      ),
    );
}
