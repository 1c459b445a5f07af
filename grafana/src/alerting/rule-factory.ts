import {
  QueryBuilder,
  RuleBuilder,
  type RuleGroup,
  RuleGroupBuilder,
} from '@grafana/grafana-foundation-sdk/alerting';
import { TypeReduceBuilder, TypeThresholdBuilder } from '@grafana/grafana-foundation-sdk/expr';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import { DataqueryBuilder as PrometheusQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { datasourceUids } from '../names.ts';

export type Severity = 'critical' | 'warning';
export type ThresholdType = 'gt' | 'gte' | 'lt' | 'lte';

/** Everything that differs between the alert rules; the query/reduce/threshold shape is shared. */
export interface AlertRuleSpec {
  uid: string;
  title: string;
  severity: Severity;
  datasource: 'prometheus' | 'loki';
  /** An instant query returning one series per alert instance (per bot, per exporter…). */
  expr: string;
  /** Fires when the query's value compares to `value` like this. */
  threshold: { type: ThresholdType; value: number };
  for: string;
  /** What an empty result means: usually "nothing bad happened" (OK). */
  noDataState: 'OK' | 'NoData' | 'Alerting' | 'KeepLast';
  execErrState: 'Error' | 'Alerting' | 'OK' | 'KeepLast';
  /** Grafana annotation templates; they may use $labels.service_name and $values.B. */
  summary: string;
  description: string;
  /** The dashboard panel that shows what the rule watches; the Telegram message links to it. */
  panel: { dashboardUid: string; panelId: number };
}

export const ruleGroupName = 'telegram-bots';
/** Every rule of the group is evaluated this often (a multiple of Grafana's 10 s scheduler tick). */
export const evaluationIntervalSeconds = 60;
/** Instant queries evaluate at the end of this range; their windows are inside the PromQL. */
const queryRangeSeconds = 600;

function dataQuery(spec: AlertRuleSpec) {
  if (spec.datasource === 'loki') {
    return new LokiQuery().refId('A').expr(spec.expr).queryType('instant');
  }
  return new PrometheusQuery().refId('A').expr(spec.expr).instant().intervalMs(15_000);
}

export function buildRule(spec: AlertRuleSpec): RuleBuilder {
  return new RuleBuilder(spec.title)
    .uid(spec.uid)
    .orgID(1)
    .ruleGroup(ruleGroupName)
    .condition('C')
    .withQuery(
      new QueryBuilder('A')
        .datasourceUid(datasourceUids[spec.datasource])
        .relativeTimeRange({ from: queryRangeSeconds, to: 0 })
        .model(dataQuery(spec)),
    )
    .withQuery(
      new QueryBuilder('B')
        .datasourceUid('__expr__')
        // dropNN: a NaN (e.g. a quantile over no traffic) is "no data", not a breach.
        .model(
          new TypeReduceBuilder()
            .refId('B')
            .expression('A')
            .reducer('last')
            .settings({ mode: 'dropNN' }),
        ),
    )
    .withQuery(
      new QueryBuilder('C').datasourceUid('__expr__').model(
        new TypeThresholdBuilder()
          .refId('C')
          .expression('B')
          .conditions([
            { evaluator: { type: spec.threshold.type, params: [spec.threshold.value] } },
          ]),
      ),
    )
    .forDuration(spec.for)
    .noDataState(spec.noDataState)
    .execErrState(spec.execErrState)
    .isPaused(false)
    .labels({ severity: spec.severity })
    .annotations({
      summary: spec.summary,
      description: spec.description,
      __dashboardUid__: spec.panel.dashboardUid,
      __panelId__: String(spec.panel.panelId),
    });
}

/** The group in the SDK's API shape; its folder is set by title in the file shape (file-shape.ts). */
export function buildRuleGroup(specs: AlertRuleSpec[]): RuleGroup {
  return new RuleGroupBuilder(ruleGroupName)
    .interval(evaluationIntervalSeconds)
    .rules(specs.map(buildRule))
    .build();
}
