import { createServer } from 'node:http';
import { type LokiEntry, toLokiEntry } from '@telegraf-otel/test-utils/loki-mapping';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botSilentAfter, noTelemetryAfter } from '../../grafana/src/alerting/rules.ts';
import {
  describeWithMetricsStack,
  type MetricsStack,
  type ScenarioBot,
  type ScenarioBotOptions,
  startMetricsStack,
} from '../support/metrics-stack.js';
import { createPrometheusClient } from '../support/prometheus.js';
import { type EvaluatedRule, type Evaluation, evaluateRule, stateOf } from './alert-evaluation.js';
import { evaluateLogQuery } from './logql-evaluation.js';
import { loadCommitted } from './provisioning-files.js';
import { dashboardQueries, substituteGrafanaMacros } from './queries.js';

// Every alert rule, as committed, evaluated with Grafana's semantics over what real bots → SDK →
// collector produced — Prometheus rules against the real Prometheus, the Loki rule over the
// collector's log output mapped as Loki maps it: each fault makes its rule fire for the faulty
// bot, and the control bot with normal traffic leaves every rule Normal.

interface CommittedRule extends EvaluatedRule {
  uid: string;
  title: string;
}
const { groups } = loadCommitted('provisioning/alerting/rules.yaml') as {
  groups: { rules: CommittedRule[] }[];
};
const alertRules = groups.flatMap((group) => group.rules);
const ruleById = (uid: string): CommittedRule => {
  const rule = alertRules.find((candidate) => candidate.uid === uid);
  if (!rule) throw new Error(`no alert rule ${uid}`);
  return rule;
};
const minutes = (duration: string): number => {
  const match = /^(\d+)m$/.exec(duration);
  if (!match) throw new Error(`expected minutes, got ${duration}`);
  return Number(match[1]) * 60_000;
};

interface Scenario {
  bot: ScenarioBotOptions;
  /** Fault injected into the bot's fake Bot API before the traffic. */
  prepare?: (bot: ScenarioBot) => void;
  /** Messages per round; rounds are separated by a span-metrics flush (rates need two samples). */
  rounds: string[][];
  /** Stopped after the traffic: a bot that went away. */
  stop?: boolean;
  /** The SDK drops part of the bot's telemetry on purpose: its update count stays incomplete. */
  dropsTelemetry?: boolean;
}
const times = (count: number, text: string): string[] => Array.from({ length: count }, () => text);
const normalTraffic = [...times(3, '/start'), ...times(3, 'hello'), '/admin'];

const scenarios = {
  control: { bot: { serviceName: 'control-bot' }, rounds: [normalTraffic, normalTraffic] },
  errors: {
    bot: { serviceName: 'failing-bot' },
    rounds: [[...times(6, '/fail'), ...times(2, '/start')]],
  },
  revoked: {
    bot: { serviceName: 'revoked-bot' },
    prepare: (bot) => bot.api.fail('sendMessage', { error_code: 401, description: 'Unauthorized' }),
    rounds: [times(2, '/start')],
  },
  blocked: {
    bot: { serviceName: 'blocked-bot' },
    prepare: (bot) =>
      bot.api.fail('sendMessage', {
        error_code: 403,
        description: 'Forbidden: bot was blocked by the user',
      }),
    rounds: [times(12, 'hello')],
  },
  limited: {
    bot: { serviceName: 'limited-bot' },
    prepare: (bot) =>
      bot.api.fail('sendMessage', {
        error_code: 429,
        description: 'Too Many Requests: retry after 1',
        parameters: { retry_after: 1 },
      }),
    rounds: [times(6, 'hello')],
  },
  slow: {
    bot: { serviceName: 'slow-bot' },
    rounds: [times(3, '/slow 3000'), times(3, '/slow 3000')],
  },
  leaky: { bot: { serviceName: 'leaky-bot' }, rounds: [['/secret', '/start']] },
  probed: { bot: { serviceName: 'probed-bot' }, rounds: [times(6, '/denied')] },
  flooding: { bot: { serviceName: 'flooding-bot' }, rounds: [times(160, 'hello')] },
  dropping: {
    // A tiny export buffer and a burst: the SDK drops and reports it.
    bot: {
      serviceName: 'dropping-bot',
      env: { TELEGRAF_OTEL_MAX_QUEUE_SIZE: '2', TELEGRAF_OTEL_DROP_REPORT_INTERVAL: '200' },
    },
    rounds: [times(40, 'hello')],
    dropsTelemetry: true,
  },
  gone: { bot: { serviceName: 'gone-bot' }, rounds: [normalTraffic], stop: true },
} satisfies Record<string, Scenario>;
type ScenarioName = keyof typeof scenarios;

const botInstance = (name: ScenarioName) => ({ service_name: scenarios[name].bot.serviceName });
const lokiExporter = 'otlp_http/loki';

/** The rule each fault must fire, for which instance, and how long after the traffic Grafana evaluates it. */
const faults: [ruleUid: string, instance: Record<string, string>, evaluatedAfterMs: number][] = [
  ['telegram-bot-error-ratio-high', botInstance('errors'), 0],
  ['telegram-bot-silent', botInstance('gone'), minutes(botSilentAfter) + 60_000],
  ['telegram-bot-api-unauthorized', botInstance('revoked'), 0],
  ['telegram-bot-api-forbidden-burst', botInstance('blocked'), 0],
  ['telegram-bot-api-rate-limited', botInstance('limited'), 0],
  ['telegram-bot-latency-high', botInstance('slow'), 0],
  ['telegram-bot-secret-caught', botInstance('leaky'), 0],
  ['telegram-bot-access-denied-burst', botInstance('probed'), 0],
  ['telegram-bot-user-flood', botInstance('flooding'), 0],
  ['telegram-bot-sdk-telemetry-dropped', botInstance('dropping'), 0],
  ['telegram-bot-no-telemetry', botInstance('gone'), minutes(noTelemetryAfter) + 60_000],
  // After the bots' traffic, Loki refuses every push: the collector drops those records.
  ['telegram-collector-telemetry-dropped', { exporter: lokiExporter }, 0],
];
/** Rules without a fault here, and why; each still has to stay Normal in the control. */
const withoutFault: Record<string, string> = {
  'telegram-collector-queue-filling':
    'compose queues hold 200 000 records: queue-filling.e2e.test.ts fills a 40-record one instead',
};
/** Rules about the collector itself: instances per exporter, no bot label. */
const collectorRules = ['telegram-collector-telemetry-dropped', 'telegram-collector-queue-filling'];

/**
 * Replaces the Loki stand-in by a server that answers 400 to every push (how Loki refuses
 * records it will never accept: the collector does not retry them) until the returned function
 * restores it.
 */
async function refuseLokiPushes(stack: MetricsStack): Promise<() => Promise<void>> {
  const port = Number(new URL(stack.loki.endpoint).port);
  await stack.loki.stop();
  const refusing = createServer((_request, response) => {
    response.writeHead(400, { 'content-type': 'text/plain' }).end('entry too far behind');
  });
  await new Promise<void>((resolve) => refusing.listen(port, '127.0.0.1', resolve));
  return async () => {
    refusing.closeAllConnections();
    await new Promise((resolve) => refusing.close(resolve));
    await stack.loki.start();
  };
}

const updateCount = (service: string) =>
  `sum(telegram_spans_calls_total{service_name="${service}", span_kind="SPAN_KIND_CONSUMER"})`;
const updatesIn = (scenario: Scenario, rounds: number) =>
  scenario.rounds.slice(0, rounds).reduce((sum, round) => sum + round.length, 0);

describeWithMetricsStack(
  'alert rules fire under their fault and stay quiet under normal traffic',
  () => {
    let stack: MetricsStack;
    // Instant queries at a chosen time: a time ahead of now shows what a rule would see after
    // that much silence (no sample arrives in between).
    const query = (promql: string, at: Date) => stack.prometheus.query(promql, at);
    let trafficEnd: Date;
    // What Loki would hold: the records the collector delivered, mapped as Loki maps them.
    let lokiEntries: LokiEntry[];
    const evaluate = (rule: CommittedRule, at: Date): Promise<Evaluation> =>
      evaluateRule(rule, async (dataQuery) => {
        const expr = String(dataQuery.model.expr);
        return dataQuery.datasourceUid === 'loki'
          ? evaluateLogQuery(expr, lokiEntries)
          : query(expr, at);
      });

    beforeAll(async () => {
      stack = await startMetricsStack();
      const entries = Object.values(scenarios) as Scenario[];
      const bots = new Map<Scenario, ScenarioBot>();
      for (const scenario of entries) {
        const bot = await stack.startBot({ environment: 'e2e', ...scenario.bot });
        scenario.prepare?.(bot);
        bots.set(scenario, bot);
      }
      const rounds = Math.max(...entries.map((scenario) => scenario.rounds.length));
      for (let round = 0; round < rounds; round += 1) {
        await Promise.all(
          entries.map((scenario) => bots.get(scenario)?.send(...(scenario.rounds[round] ?? []))),
        );
        // The round is in Prometheus once every bot's update count shows it.
        for (const scenario of entries) {
          if (scenario.dropsTelemetry) continue;
          const expected = updatesIn(scenario, round + 1);
          await stack.waitForQuery(
            updateCount(scenario.bot.serviceName),
            (samples) => samples[0]?.value === expected,
            60_000,
          );
        }
      }
      // Series that are not update spans: the drop reports and the redacted spans.
      for (const series of [
        `telegram_spans_calls_total{service_name="dropping-bot", telegram_telemetry_signal!=""}`,
        'telegram_redacted_spans_calls_total{service_name="leaky-bot"}',
      ]) {
        await stack.waitForQuery(series, (samples) => samples.length > 0, 60_000);
      }
      const flooding = scenarios.flooding.bot.serviceName;
      await waitFor('the flooding bot’s records at the Loki stand-in', () => {
        const handled = stack.loki.records.filter(
          (record) =>
            record.resource['service.name'] === flooding &&
            record.eventName === 'telegram.update.handled',
        );
        return handled.length === updatesIn(scenarios.flooding, 1);
      });
      for (const scenario of entries) if (scenario.stop) await bots.get(scenario)?.stop();
      trafficEnd = new Date();
      lokiEntries = stack.loki.records.map((record) => toLokiEntry(record));

      const restoreLoki = await refuseLokiPushes(stack);
      await bots.get(scenarios.control)?.send('hello');
      await stack.waitForQuery(
        `sum(otelcol_exporter_send_failed_log_records{job="otelcol", exporter="${lokiExporter}"})`,
        (samples) => (samples[0]?.value ?? 0) > 0,
        60_000,
      );
      await restoreLoki();
    }, 300_000);

    afterAll(async () => {
      await stack?.close();
    });

    it('every rule has a fault scenario or a stated reason why not', () => {
      const covered = [...faults.map(([uid]) => uid), ...Object.keys(withoutFault)];
      expect(covered.sort()).toEqual(alertRules.map((rule) => rule.uid).sort());
    });

    it.each(faults)('%s fires for %o', async (uid, instance, evaluatedAfterMs) => {
      const rule = ruleById(uid);
      const at = new Date(Math.max(Date.now(), trafficEnd.getTime() + evaluatedAfterMs));
      const evaluation = await evaluate(rule, at);
      expect(evaluation.outcome, JSON.stringify(evaluation)).toBe('Results');
      expect(stateOf(evaluation, rule, instance)).toBe('Alerting');
    });

    it.each(alertRules.map((rule) => [rule.uid, rule]))(
      '%s stays Normal for the control bot',
      async (_uid, rule) => {
        const evaluation = await evaluate(rule, new Date());
        expect(evaluation.outcome).not.toBe('Error');
        expect(stateOf(evaluation, rule, { service_name: scenarios.control.bot.serviceName })).toBe(
          'Normal',
        );
      },
    );

    it('a bot that just stopped is not yet silent', async () => {
      const service = scenarios.gone.bot.serviceName;
      for (const uid of ['telegram-bot-silent', 'telegram-bot-no-telemetry']) {
        const rule = ruleById(uid);
        expect(stateOf(await evaluate(rule, trafficEnd), rule, { service_name: service })).toBe(
          'Normal',
        );
      }
    });

    it.each(collectorRules)('%s stays Normal while the collector delivers', async (uid) => {
      const rule = ruleById(uid);
      // Before Loki started refusing pushes.
      const evaluation = await evaluate(rule, trafficEnd);
      expect(evaluation.outcome).not.toBe('Error');
      if (evaluation.outcome === 'Results') {
        expect(evaluation.instances.length).toBeGreaterThan(0);
        for (const instance of evaluation.instances) expect(instance.state).toBe('Normal');
      }
    });

    it('the span metrics carry the exemplar label the Prometheus datasource links to Tempo', async () => {
      const { datasources } = loadCommitted('provisioning/datasources/datasources.yaml') as {
        datasources: {
          type: string;
          jsonData: { exemplarTraceIdDestinations?: { name: string }[] };
        }[];
      };
      const prometheus = datasources.find((datasource) => datasource.type === 'prometheus');
      const label = prometheus?.jsonData.exemplarTraceIdDestinations?.[0]?.name ?? '';
      const grafana = stack.pki.leaves.grafana;
      if (!grafana) throw new Error('the stack PKI has no grafana certificate');
      const client = createPrometheusClient(stack.prometheus.url, {
        ca: stack.pki.caCert,
        clientCert: grafana.cert,
        clientKey: grafana.key,
      });
      const params = new URLSearchParams({
        query: `telegram_spans_duration_milliseconds_bucket{service_name="${scenarios.control.bot.serviceName}"}`,
        start: String(Date.now() / 1000 - 600),
        end: String(Date.now() / 1000),
      });
      const body = await client.getJson(`/api/v1/query_exemplars?${params}`);
      const exemplars = (
        body.data as { exemplars: { labels: Record<string, string> }[] }[]
      ).flatMap((series) => series.exemplars);
      expect(exemplars.length).toBeGreaterThan(0);
      for (const exemplar of exemplars) expect(exemplar.labels[label]).toMatch(/^[0-9a-f]{32}$/);
    });

    describe('after this traffic, every Prometheus panel of the dashboards shows data', () => {
      const panels = dashboardQueries().filter((panel) => panel.language === 'promql');
      // "Last data seen" evaluates a subquery at 15 s steps aligned to the clock: a burst of traffic
      // shows up there once the next step after it has passed, as it would on a refreshed panel.
      beforeAll(
        () =>
          waitFor('a 15 s subquery step after the traffic', () =>
            Date.now() >= trafficEnd.getTime() + 15_000 ? true : undefined,
          ),
        30_000,
      );
      it.each(panels.map((panel) => [panel.where, panel]))('%s', async (_where, panel) => {
        const samples = await query(substituteGrafanaMacros(panel), new Date());
        expect(samples.length).toBeGreaterThan(0);
      });
    });
  },
);
