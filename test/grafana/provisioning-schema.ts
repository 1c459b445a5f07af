import { z } from 'zod';

// Grafana's file-provisioning formats, written from its documented fields and the Go structs
// that read them (datasources, dashboard providers, alerting: rules, contact points,
// templates, policies, mute timings). Objects are strict: a misspelt key fails.

/** Prometheus-style duration as Grafana accepts it, e.g. `0s`, `5m`, `1h30m`. */
export const duration = z.string().regex(/^(\d+(ms|s|m|h|d|w|y))+$/, 'duration like 5m');
const durationSeconds = (value: string): number => {
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
  let total = 0;
  for (const [, amount, name] of value.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    total += Number(amount) * unit[name as keyof typeof unit];
  }
  return total;
};

/** A value Grafana expands from a file: secrets and certificates are never inlined. */
const fromFile = z.string().regex(/^\$__file\{\/[^}]+\}$/, 'a $__file{/path} reference');
const uid = z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, 'uid: 1–40 letters, digits, - or _');

// ---------------------------------------------------------------- datasources
const tlsJsonData = {
  tlsAuth: z.boolean().optional(),
  tlsAuthWithCACert: z.boolean().optional(),
  tlsSkipVerify: z.literal(false).optional(),
  serverName: z.string().optional(),
};
const tlsSecureJsonData = {
  tlsCACert: fromFile.optional(),
  tlsClientCert: fromFile.optional(),
  tlsClientKey: fromFile.optional(),
};
const datasourceCommon = {
  name: z.string().min(1),
  uid,
  orgId: z.number().int().optional(),
  access: z.enum(['proxy', 'direct']),
  url: z.url(),
  isDefault: z.boolean().optional(),
  editable: z.boolean().optional(),
  version: z.number().int().optional(),
};
const datasource = z.discriminatedUnion('type', [
  z.strictObject({
    ...datasourceCommon,
    type: z.literal('prometheus'),
    jsonData: z.strictObject({
      ...tlsJsonData,
      httpMethod: z.enum(['GET', 'POST']).optional(),
      timeInterval: duration.optional(),
      exemplarTraceIdDestinations: z
        .array(
          z.strictObject({
            name: z.string(),
            datasourceUid: uid.optional(),
            url: z.string().optional(),
            urlDisplayLabel: z.string().optional(),
          }),
        )
        .optional(),
    }),
    secureJsonData: z.strictObject(tlsSecureJsonData).optional(),
  }),
  z.strictObject({
    ...datasourceCommon,
    type: z.literal('loki'),
    jsonData: z.strictObject({
      ...tlsJsonData,
      maxLines: z.number().int().positive().optional(),
      timeout: z.number().positive().optional(),
      httpHeaderName1: z.string().optional(),
      derivedFields: z
        .array(
          z.strictObject({
            name: z.string(),
            matcherType: z.enum(['label', 'regex']),
            matcherRegex: z.string(),
            datasourceUid: uid.optional(),
            url: z.string(),
            urlDisplayLabel: z.string().optional(),
          }),
        )
        .optional(),
    }),
    secureJsonData: z
      .strictObject({ ...tlsSecureJsonData, httpHeaderValue1: z.string().optional() })
      .optional(),
  }),
  z.strictObject({
    ...datasourceCommon,
    type: z.literal('tempo'),
    jsonData: z.strictObject({
      ...tlsJsonData,
      tracesToLogsV2: z
        .strictObject({
          datasourceUid: uid,
          spanStartTimeShift: z.string().optional(),
          spanEndTimeShift: z.string().optional(),
          filterByTraceID: z.boolean().optional(),
          filterBySpanID: z.boolean().optional(),
          customQuery: z.boolean().optional(),
          query: z.string().optional(),
          tags: z.array(z.strictObject({ key: z.string(), value: z.string() })).optional(),
        })
        .optional(),
      tracesToMetrics: z.strictObject({ datasourceUid: uid }).optional(),
      lokiSearch: z.strictObject({ datasourceUid: uid }).optional(),
      serviceMap: z.strictObject({ datasourceUid: uid }).optional(),
      nodeGraph: z.strictObject({ enabled: z.boolean() }).optional(),
    }),
    secureJsonData: z.strictObject(tlsSecureJsonData).optional(),
  }),
]);
export const datasourcesFile = z.strictObject({
  apiVersion: z.literal(1),
  prune: z.boolean().optional(),
  deleteDatasources: z.array(z.strictObject({ name: z.string(), orgId: z.number() })).optional(),
  datasources: z.array(datasource).min(1),
});

// ---------------------------------------------------------------- dashboard providers
export const dashboardProvidersFile = z.strictObject({
  apiVersion: z.literal(1),
  providers: z
    .array(
      z
        .strictObject({
          name: z.string().min(1),
          orgId: z.number().int().optional(),
          type: z.literal('file'),
          folder: z.string().optional(),
          folderUid: uid.optional(),
          disableDeletion: z.boolean().optional(),
          updateIntervalSeconds: z.number().int().positive().optional(),
          allowUiUpdates: z.boolean().optional(),
          options: z.strictObject({
            path: z.string().startsWith('/'),
            foldersFromFilesStructure: z.boolean().optional(),
          }),
        })
        .refine(
          (p) => !(p.options.foldersFromFilesStructure && (p.folder || p.folderUid)),
          'foldersFromFilesStructure excludes folder and folderUid',
        ),
    )
    .min(1),
});

// ---------------------------------------------------------------- dashboards (the parts we rely on)
const datasourceRef = z.object({ type: z.string(), uid });
export const dashboardJson = z.object({
  uid,
  title: z.string().min(1),
  schemaVersion: z.number().int(),
  editable: z.literal(false),
  templating: z.object({
    list: z.array(
      z.object({
        name: z.string(),
        type: z.literal('query'),
        datasource: datasourceRef,
        query: z.string(),
      }),
    ),
  }),
  panels: z
    .array(
      z.object({
        id: z.number().int().positive(),
        type: z.enum(['timeseries', 'stat', 'table', 'logs']),
        title: z.string().min(1),
        description: z.string().min(20),
        datasource: datasourceRef,
        // Grafana's grid is 24 columns wide.
        gridPos: z
          .object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() })
          .refine(
            (grid) => grid.x >= 0 && grid.w > 0 && grid.x + grid.w <= 24,
            'inside 24 columns',
          ),
        targets: z.array(z.object({ refId: z.string(), expr: z.string().min(1) })).min(1),
      }),
    )
    .min(1),
});

// ---------------------------------------------------------------- alert rules
const evaluatorType = z.enum([
  'gt',
  'lt',
  'eq',
  'ne',
  'gte',
  'lte',
  'within_range',
  'outside_range',
  'within_range_included',
  'outside_range_included',
]);
const evaluator = z
  .strictObject({ type: evaluatorType, params: z.array(z.number()) })
  .refine(
    (e) => e.params.length === (e.type.includes('range') ? 2 : 1),
    'range evaluators take two params, the others one',
  );
const expressionModel = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('reduce'),
    refId: z.string(),
    expression: z.string(),
    // `median` exists in the UI's types but not in the backend: Grafana refuses it.
    reducer: z.enum(['sum', 'mean', 'min', 'max', 'count', 'last']),
    settings: z
      .union([
        z.strictObject({ mode: z.literal('dropNN') }),
        z.strictObject({ mode: z.literal('replaceNN'), replaceWithValue: z.number() }),
      ])
      .optional(),
    datasource: z
      .strictObject({ type: z.literal('__expr__'), uid: z.literal('__expr__') })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('threshold'),
    refId: z.string(),
    expression: z.string(),
    conditions: z.tuple([z.strictObject({ evaluator, unloadEvaluator: evaluator.optional() })]),
    datasource: z
      .strictObject({ type: z.literal('__expr__'), uid: z.literal('__expr__') })
      .optional(),
  }),
  z.strictObject({
    type: z.literal('math'),
    refId: z.string(),
    expression: z.string(),
    datasource: z
      .strictObject({ type: z.literal('__expr__'), uid: z.literal('__expr__') })
      .optional(),
  }),
]);
/** The refIds an expression node reads (`$B > 0` for math, `B` or `$B` for the others). */
export function expressionInputs(model: object): string[] {
  if (!('type' in model) || !('expression' in model) || typeof model.expression !== 'string') {
    return [];
  }
  if (model.type !== 'math') return [model.expression.replace(/^\$/, '')];
  return [...model.expression.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)].map((match) => match[1] ?? '');
}

const relativeTimeRange = z.strictObject({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
});
const expressionQuery = z.strictObject({
  refId: z.string(),
  queryType: z.string().optional(),
  relativeTimeRange: relativeTimeRange.optional(),
  datasourceUid: z.literal('__expr__'),
  model: expressionModel,
});
const dataQuery = z.strictObject({
  refId: z.string(),
  queryType: z.string().optional(),
  // A data query with {from: 0, to: 0} makes Grafana refuse to start.
  relativeTimeRange: relativeTimeRange.refine((r) => r.from > r.to, 'from must be before to'),
  datasourceUid: uid,
  model: z.union([
    z.strictObject({
      refId: z.string(),
      expr: z.string().min(1),
      instant: z.boolean().optional(),
      range: z.boolean().optional(),
      intervalMs: z.number().int().positive().optional(),
      maxDataPoints: z.number().int().positive().optional(),
      legendFormat: z.string().optional(),
      editorMode: z.enum(['code', 'builder']).optional(),
    }),
    z.strictObject({
      refId: z.string(),
      expr: z.string().min(1),
      queryType: z.enum(['instant', 'range']),
      editorMode: z.enum(['code', 'builder']).optional(),
      legendFormat: z.string().optional(),
    }),
  ]),
});
const query = z.union([expressionQuery, dataQuery]);
const notificationSettings = z.strictObject({
  receiver: z.string(),
  group_by: z.array(z.string()).optional(),
  group_wait: duration.optional(),
  group_interval: duration.optional(),
  repeat_interval: duration.optional(),
  mute_time_intervals: z.array(z.string()).optional(),
  active_time_intervals: z.array(z.string()).optional(),
});
const rule = z
  .strictObject({
    uid,
    title: z.string().min(1).max(190),
    condition: z.string(),
    data: z.array(query).min(1),
    dashboardUid: uid.optional(),
    panelId: z.number().int().positive().optional(),
    noDataState: z.enum(['NoData', 'Alerting', 'OK', 'KeepLast']),
    execErrState: z.enum(['Error', 'Alerting', 'OK', 'KeepLast']),
    for: duration,
    keepFiringFor: duration.optional(),
    missing_series_evals_to_resolve: z.number().int().nonnegative().optional(),
    annotations: z.record(z.string(), z.string()).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    isPaused: z.boolean().optional(),
    notification_settings: notificationSettings.optional(),
  })
  .refine((r) => r.data.some((q) => q.refId === r.condition), 'condition names a refId of data')
  .refine(
    (r) =>
      r.data.every((q) =>
        expressionInputs(q.model).every((input) => r.data.some((other) => other.refId === input)),
      ),
    'every expression reads existing refIds',
  )
  .refine((r) => r.data.every((q) => q.model.refId === q.refId), 'model.refId equals refId')
  .refine(
    (r) => (r.dashboardUid === undefined) === (r.panelId === undefined),
    'dashboard and panel together',
  );
export const alertRulesFile = z.strictObject({
  apiVersion: z.literal(1),
  groups: z.array(
    z.strictObject({
      orgId: z.number().int().optional(),
      name: z.string().min(1),
      folder: z.string().min(1),
      // Grafana refuses intervals that are not a multiple of its 10 s scheduler tick.
      interval: duration.refine(
        (d) => durationSeconds(d) > 0 && durationSeconds(d) % 10 === 0,
        'a positive multiple of 10 s',
      ),
      rules: z.array(rule).min(1),
    }),
  ),
  deleteRules: z.array(z.strictObject({ orgId: z.number(), uid })).optional(),
});

// ---------------------------------------------------------------- contact points
const telegramSettings = z.strictObject({
  bottoken: fromFile,
  chatid: z.string().min(1),
  message_thread_id: z.string().optional(),
  message: z.string().optional(),
  parse_mode: z.enum(['HTML', 'Markdown', 'MarkdownV2', 'None']).optional(),
  disable_web_page_preview: z.boolean().optional(),
  protect_content: z.boolean().optional(),
  disable_notifications: z.boolean().optional(),
});
const webhookSettings = z.strictObject({
  url: z.string().min(1),
  httpMethod: z.enum(['POST', 'PUT']).optional(),
  authorization_scheme: z.string().optional(),
  authorization_credentials: fromFile.optional(),
  maxAlerts: z.string().regex(/^\d+$/).optional(),
  title: z.string().optional(),
  message: z.string().optional(),
});
const receiver = z.discriminatedUnion('type', [
  z.strictObject({
    uid,
    type: z.literal('telegram'),
    disableResolveMessage: z.boolean().optional(),
    settings: telegramSettings,
  }),
  z.strictObject({
    uid,
    type: z.literal('webhook'),
    disableResolveMessage: z.boolean().optional(),
    settings: webhookSettings,
  }),
]);
export const contactPointsFile = z.strictObject({
  apiVersion: z.literal(1),
  contactPoints: z.array(
    z.strictObject({
      orgId: z.number().int(),
      name: z.string().min(1),
      receivers: z.array(receiver).min(1),
    }),
  ),
  deleteContactPoints: z.array(z.strictObject({ orgId: z.number(), uid })).optional(),
});

// ---------------------------------------------------------------- templates
export const templatesFile = z.strictObject({
  apiVersion: z.literal(1),
  templates: z.array(
    z.strictObject({ orgId: z.number().int(), name: z.string().min(1), template: z.string() }),
  ),
  deleteTemplates: z.array(z.strictObject({ orgId: z.number(), name: z.string() })).optional(),
});

// ---------------------------------------------------------------- notification policies
const objectMatcher = z.tuple([z.string(), z.enum(['=', '!=', '=~', '!~']), z.string()]);
interface Route {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  object_matchers?: [string, string, string][];
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  continue?: boolean;
  routes?: Route[];
}
const routeFields = {
  receiver: z.string().optional(),
  group_by: z.array(z.string()).optional(),
  group_wait: duration.optional(),
  group_interval: duration.optional(),
  repeat_interval: duration.optional(),
  object_matchers: z.array(objectMatcher).optional(),
  mute_time_intervals: z.array(z.string()).optional(),
  active_time_intervals: z.array(z.string()).optional(),
  continue: z.boolean().optional(),
};
const route: z.ZodType<Route> = z.lazy(() =>
  z.strictObject({ ...routeFields, routes: z.array(route).optional() }),
);
export const policiesFile = z.strictObject({
  apiVersion: z.literal(1),
  policies: z.array(
    z.strictObject({
      orgId: z.number().int(),
      ...routeFields,
      receiver: z.string().min(1),
      routes: z.array(route).optional(),
    }),
  ),
  resetPolicies: z.array(z.number()).optional(),
});

// ---------------------------------------------------------------- mute timings
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const muteTimingsFile = z.strictObject({
  apiVersion: z.literal(1),
  muteTimes: z.array(
    z.strictObject({
      orgId: z.number().int(),
      name: z.string().min(1),
      time_intervals: z
        .array(
          z.strictObject({
            // Alertmanager time ranges cannot cross midnight: start must be before end.
            times: z
              .array(
                z
                  .strictObject({ start_time: clock, end_time: clock })
                  .refine((t) => t.start_time < t.end_time, 'start_time before end_time'),
              )
              .optional(),
            weekdays: z.array(z.string()).optional(),
            days_of_month: z.array(z.string()).optional(),
            months: z.array(z.string()).optional(),
            years: z.array(z.string()).optional(),
            location: z.string().optional(),
          }),
        )
        .min(1),
    }),
  ),
  deleteMuteTimes: z.array(z.strictObject({ orgId: z.number(), name: z.string() })).optional(),
});

/** The schema of each committed file, by path relative to grafana/. */
export function schemaFor(path: string): z.ZodType {
  if (path.startsWith('dashboards/')) return dashboardJson;
  const byFile: Record<string, z.ZodType> = {
    'provisioning/datasources/datasources.yaml': datasourcesFile,
    'provisioning/dashboards/dashboards.yaml': dashboardProvidersFile,
    'provisioning/alerting/rules.yaml': alertRulesFile,
    'provisioning/alerting/contact-points.yaml': contactPointsFile,
    'provisioning/alerting/templates.yaml': templatesFile,
    'provisioning/alerting/policies.yaml': policiesFile,
    'provisioning/alerting/mute-timings.yaml': muteTimingsFile,
  };
  const schema = byFile[path];
  if (schema === undefined) throw new Error(`no schema for grafana/${path}`);
  return schema;
}
