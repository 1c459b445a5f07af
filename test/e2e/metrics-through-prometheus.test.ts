import { toLokiEntry } from '@telegraf-otel/test-utils/loki-mapping';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  LOKI_INDEX_LABELS,
  LOKI_OPTIONAL_INDEX_LABELS,
  LOKI_STRUCTURED_METADATA,
} from '../support/loki-labels.js';
import {
  describeWithMetricsStack,
  type MetricsStack,
  type ScenarioBot,
  startMetricsStack,
} from '../support/metrics-stack.js';
import { createPrometheusClient, type PromSample } from '../support/prometheus.js';
import { COLLECTOR_METRIC_LABELS, SPAN_METRIC_LABELS } from '../support/prometheus-labels.js';

const SERVICE = 'mix-bot';
const COMMANDS = ['start', 'fail', 'slow', 'admin', 'denied', 'secret'];

/** The traffic mix and what it implies. */
const STARTS = 4;
const FAILS = 3; // handlers that throw
const RATE_LIMITED = 2; // replies the Bot API refuses with 429 (their handlers fail too)
const ADMINS = 2; // audit: admin_command granted
const DENIALS = 1; // audit: admin_command denied (not on the allowlist)
const SECRETS = 1; // a handler that puts the bot token into a span attribute
const FREE_TEXT_COMMAND = '/ivan_petrov_79161234567';
const UPDATES = STARTS + FAILS + RATE_LIMITED + ADMINS + DENIALS + SECRETS + 1;
const FAILED = FAILS + RATE_LIMITED;

const total = (samples: PromSample[]) => samples.reduce((sum, sample) => sum + sample.value, 0);
const selector = (extra = '') =>
  `telegram_spans_calls_total{service_name="${SERVICE}"${extra ? `,${extra}` : ''}}`;

describeWithMetricsStack(
  'span metrics: bot → SDK → collector (span_metrics) → real Prometheus over mTLS',
  () => {
    let stack: MetricsStack;
    let bot: ScenarioBot;

    beforeAll(async () => {
      stack = await startMetricsStack();
      bot = await stack.startBot({ serviceName: SERVICE, environment: 'e2e' });
      bot.api.fail(
        'sendMessage',
        { error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 3 } },
        RATE_LIMITED,
      );
      await bot.send(...Array.from({ length: RATE_LIMITED }, () => 'hello'));
      await bot.send(
        ...Array.from({ length: STARTS }, () => '/start'),
        ...Array.from({ length: FAILS }, () => '/fail'),
        ...Array.from({ length: ADMINS }, () => '/admin'),
        ...Array.from({ length: DENIALS }, () => '/denied'),
        ...Array.from({ length: SECRETS }, () => '/secret'),
        FREE_TEXT_COMMAND,
      );
      await bot.stop();
      await stack.waitForQuery(
        `sum(${selector('span_kind="SPAN_KIND_CONSUMER"')})`,
        (samples) => total(samples) === UPDATES,
      );
    });

    afterAll(async () => {
      await stack?.close();
    });

    it('counts every update, and the error ratio is failed/all', async () => {
      const failed = total(
        await stack.query(
          `sum(${selector('span_kind="SPAN_KIND_CONSUMER",telegram_update_outcome="error"')})`,
        ),
      );
      expect(failed).toBe(FAILED);
      const [ratio] = await stack.query(
        `sum(${selector('span_kind="SPAN_KIND_CONSUMER",status_code="STATUS_CODE_ERROR"')}) / sum(${selector('span_kind="SPAN_KIND_CONSUMER"')})`,
      );
      expect(ratio?.value).toBeCloseTo(FAILED / UPDATES, 10);
    });

    it('counts Bot API calls by method and error code, 429s included', async () => {
      const limited = await stack.query(
        selector('telegram_api_method="sendMessage",telegram_api_error_code="429"'),
      );
      expect(total(limited)).toBe(RATE_LIMITED);
      expect(limited[0]?.metric).toMatchObject({ span_kind: 'SPAN_KIND_CLIENT' });
      const replies = total(
        await stack.query(`sum(${selector('telegram_api_method="sendMessage"')})`),
      );
      // Every handler but the throwing ones calls sendMessage once.
      expect(replies).toBe(UPDATES - FAILS);
    });

    it('counts audit events by action and outcome', async () => {
      const audits = await stack.query(
        `sum by (telegram_audit_action, telegram_audit_outcome) (${selector('telegram_audit_action!=""')})`,
      );
      const byAction = Object.fromEntries(
        audits.map((s) => [
          `${s.metric.telegram_audit_action}/${s.metric.telegram_audit_outcome}`,
          s.value,
        ]),
      );
      expect(byAction).toEqual({
        'admin_command/granted': ADMINS,
        'admin_command/denied': DENIALS,
        // The first audit record of a process says the chain (re)started.
        'chain_started/granted': 1,
      });
    });

    it('counts spans the SDK had to redact, by rule, with the planted secret among them', async () => {
      const redacted = await stack.query(
        `sum by (redaction_masked_rules) (telegram_redacted_spans_calls_total{service_name="${SERVICE}",redaction_masked_rules!=""})`,
      );
      expect(total(redacted)).toBeGreaterThanOrEqual(SECRETS);
      const rules = redacted.flatMap((s) => (s.metric.redaction_masked_rules ?? '').split(','));
      expect(rules.some((rule) => rule === 'known_secret' || rule === 'telegram_token')).toBe(true);
    });

    it('latency histogram: every update is in the +Inf bucket and p95 is answerable', async () => {
      const count = total(
        await stack.query(
          `sum(telegram_spans_duration_milliseconds_count{service_name="${SERVICE}",span_kind="SPAN_KIND_CONSUMER"})`,
        ),
      );
      expect(count).toBe(UPDATES);
      const [p95] = await stack.query(
        `histogram_quantile(0.95, sum by (le) (telegram_spans_duration_milliseconds_bucket{service_name="${SERVICE}",span_kind="SPAN_KIND_CONSUMER"}))`,
      );
      expect(p95?.value).toBeGreaterThan(0);
    });

    it('every label of every series is bounded: no pseudonym, id, token or free text', async () => {
      const series = [
        ...(await stack.prometheus.series('{__name__=~"telegram_.+"}')),
        ...(await stack.prometheus.series('{__name__=~"otelcol_.+"}')),
      ];
      expect(series.length).toBeGreaterThan(0);
      const allowedLabels = new Set<string>([
        '__name__',
        // The overflow series of a connector's cardinality limit.
        'otel_metric_overflow',
        ...SPAN_METRIC_LABELS,
        ...COLLECTOR_METRIC_LABELS,
      ]);
      const unexpected = new Set<string>();
      for (const labels of series) {
        for (const [name, value] of Object.entries(labels)) {
          if (!allowedLabels.has(name)) unexpected.add(name);
          if (name === 'instance' || name === 'service_instance_id') continue;
          expect(value, `${name}=${value}`).not.toMatch(/v1:[0-9a-f]{16}/);
          expect(value, `${name}=${value}`).not.toMatch(/\d{6,}/);
          expect(value, `${name}=${value}`).not.toMatch(/ivan|petrov/i);
        }
        if (labels.telegram_command !== undefined)
          expect([...COMMANDS, '_OTHER']).toContain(labels.telegram_command);
      }
      expect([...unexpected]).toEqual([]);
    });

    it("refuses a client certificate of the stack's CA that is not the collector's or Grafana's", async () => {
      const bot = stack.pki.leaves.bot;
      if (!bot) throw new Error('no bot certificate');
      const client = createPrometheusClient(stack.prometheus.url, {
        ca: stack.pki.caCert,
        clientCert: bot.cert,
        clientKey: bot.key,
      });
      await expect(client.get('/api/v1/query?query=up')).rejects.toThrow();
    });

    it('scrapes the collector: accepted spans and the exporter queues', async () => {
      // Prometheus discovers a static target within a few seconds, then scrapes it every second.
      const accepted = await stack.waitForQuery(
        'sum(otelcol_receiver_accepted_spans{job="otelcol"})',
        (samples) => total(samples) >= UPDATES,
      );
      expect(total(accepted)).toBeGreaterThanOrEqual(UPDATES);
      const capacity = await stack.query('otelcol_exporter_queue_capacity{job="otelcol"}');
      expect(capacity.map((s) => s.metric.exporter).sort()).toEqual(
        expect.arrayContaining(['otlp_grpc/tempo', 'otlp_http/loki', 'otlp_http/prometheus']),
      );
    });

    it("Loki's mapping of the real collector output: bounded index labels, the audit stream, trace ids", async () => {
      const entries = stack.loki.records
        .filter((record) => record.resource['service.name'] === SERVICE)
        .map((record) => ({ record, entry: toLokiEntry(record) }));
      expect(entries.length).toBeGreaterThan(UPDATES);
      const labelNames = new Set(entries.flatMap(({ entry }) => Object.keys(entry.labels)));
      const metadataNames = new Set(
        entries.flatMap(({ entry }) => Object.keys(entry.structuredMetadata)),
      );
      // Index labels: the service, its environment, the audit marker — nothing per user or per process.
      expect([...labelNames].sort()).toEqual([...LOKI_INDEX_LABELS].sort());
      for (const name of LOKI_OPTIONAL_INDEX_LABELS) expect(labelNames.has(name)).toBe(false);
      for (const name of LOKI_STRUCTURED_METADATA)
        expect(metadataNames, `structured metadata ${name}`).toContain(name);
      for (const name of metadataNames) expect(name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);

      // The collector lifted the audit marker into the resource: only audit records are in that stream.
      const audit = entries.filter(({ entry }) => entry.labels.telegram_log_stream === 'audit');
      expect(audit.map(({ record }) => record.eventName).sort()).toEqual([
        ...Array.from({ length: ADMINS + DENIALS }, () => 'telegram.audit.admin_command'),
        'telegram.audit.chain_started',
      ]);
      for (const { entry } of audit)
        expect(entry.structuredMetadata.telegram_audit_outcome).toMatch(/^(granted|denied)$/);
      const handled = entries.filter(
        ({ record }) => record.eventName === 'telegram.update.handled',
      );
      for (const { entry } of handled) {
        expect(entry.labels.telegram_log_stream).toBeUndefined();
        expect(entry.structuredMetadata.trace_id).toMatch(/^[0-9a-f]{32}$/);
        expect(entry.structuredMetadata.telegram_user_hash).toMatch(/^v1:[0-9a-f]{16}$/);
      }
    });
  },
);
