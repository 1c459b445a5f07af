import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as LogsPanel } from '@grafana/grafana-foundation-sdk/logs';
import { DataqueryBuilder as LokiQuery } from '@grafana/grafana-foundation-sdk/loki';
import {
  DataqueryBuilder as PrometheusQuery,
  PromQueryFormat,
  QueryEditorMode,
} from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { datasourceUids } from '../names.ts';

const prometheus = { type: 'prometheus', uid: datasourceUids.prometheus };
const loki = { type: 'loki', uid: datasourceUids.loki };

/** One PromQL query of a panel; `legend` uses Grafana's `{{label}}` syntax. */
export interface PromTarget {
  expr: string;
  legend?: string;
}

/** What every panel states: a stable id (alert rules link to it), a title and a description. */
export interface PanelText {
  id: number;
  title: string;
  description: string;
}

const refIds = ['A', 'B', 'C', 'D', 'E', 'F'];

function promTargets(targets: PromTarget[], instant: boolean): PrometheusQuery[] {
  return targets.map((target, index) => {
    const query = new PrometheusQuery()
      .refId(refIds[index] ?? `Q${index}`)
      .expr(target.expr)
      .editorMode(QueryEditorMode.Code)
      .legendFormat(target.legend ?? '__auto');
    return instant ? query.instant().format(PromQueryFormat.Table) : query.range();
  });
}

export function timeseries(
  text: PanelText,
  unit: string,
  targets: PromTarget[],
): cog.Builder<Panel> {
  return new TimeseriesPanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(prometheus)
    .unit(unit)
    .targets(promTargets(targets, false));
}

/** A single number over the dashboard's time range. */
export function stat(text: PanelText, unit: string, target: PromTarget): cog.Builder<Panel> {
  return new StatPanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(prometheus)
    .unit(unit)
    .span(6)
    .targets(promTargets([target], true));
}

/** A table of an instant PromQL query (one row per series). */
export function promTable(text: PanelText, unit: string, target: PromTarget): cog.Builder<Panel> {
  return new TablePanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(prometheus)
    .unit(unit)
    .targets(promTargets([target], true));
}

/** A graph of a LogQL metric query. */
export function lokiTimeseries(
  text: PanelText,
  unit: string,
  target: PromTarget,
): cog.Builder<Panel> {
  return new TimeseriesPanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(loki)
    .unit(unit)
    .withTarget(
      new LokiQuery()
        .refId('A')
        .expr(target.expr)
        .queryType('range')
        .legendFormat(target.legend ?? ''),
    );
}

/** A table of an instant LogQL metric query over the dashboard's time range. */
export function lokiTable(text: PanelText, target: PromTarget): cog.Builder<Panel> {
  return new TablePanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(loki)
    .span(24)
    .withTarget(new LokiQuery().refId('A').expr(target.expr).queryType('instant'));
}

/** A log stream; the Loki datasource turns each record's `trace_id` into a link to its trace. */
export function logs(text: PanelText, expr: string): cog.Builder<Panel> {
  return new LogsPanel()
    .id(text.id)
    .title(text.title)
    .description(text.description)
    .datasource(loki)
    .span(24)
    .height(10)
    .showTime(true)
    .enableLogDetails(true)
    .wrapLogMessage(true)
    .withTarget(new LokiQuery().refId('A').expr(expr).queryType('range').maxLines(200));
}
