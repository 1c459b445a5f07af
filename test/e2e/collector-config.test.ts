import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  COLLECTOR_CONFIG,
  type CollectorSetup,
  describeWithCollector,
  prepareCollector,
  runCollectorCommand,
  validateCollectorConfig,
} from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';

type Node = Record<string, unknown>;
/** How config.yaml references an environment variable. */
const envRef = (name: string) => `\${env:${name}}`;
const config = parse(readFileSync(COLLECTOR_CONFIG, 'utf8')) as Node;
const at = (path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node as Node | undefined)?.[key], config);

describe('collector/config.yaml', () => {
  it('guards every pipeline with memory_limiter first, and redacts logs and traces before any exporter', () => {
    const pipelines = at('service.pipelines') as Record<string, { processors: string[] }>;
    expect(Object.keys(pipelines).sort()).toEqual(['logs', 'metrics', 'traces']);
    expect(pipelines.logs?.processors).toEqual([
      'memory_limiter',
      'redaction/defence',
      'groupbyattrs/log_stream',
    ]);
    expect(pipelines.traces?.processors).toEqual(['memory_limiter', 'redaction/defence']);
    // Metrics come from the connectors, which see only the redacted spans.
    expect(pipelines.metrics?.processors).toEqual(['memory_limiter']);
  });

  it('derives metrics from spans with bounded dimensions only, and sends them to Prometheus over mTLS', () => {
    const spanMetrics = at('connectors.span_metrics') as Node;
    const dimensions = (spanMetrics.dimensions as { name: string }[]).map((d) => d.name);
    for (const name of dimensions)
      expect(name).not.toMatch(/hash|\.id$|user|text|first_name|last_name|instance|phone|email/);
    expect(spanMetrics.exclude_dimensions).toEqual(['span.name', 'collector.instance.id']);
    expect(spanMetrics.aggregation_cardinality_limit).toBeGreaterThan(0);
    expect(at('service.pipelines.traces.exporters')).toEqual([
      'otlp_grpc/tempo',
      'span_metrics',
      'span_metrics/redaction',
    ]);
    expect(at('exporters.otlp_http/prometheus.tls')).toMatchObject({
      min_version: '1.3',
      ca_file: envRef('PROMETHEUS_CA_FILE'),
      cert_file: envRef('PROMETHEUS_CLIENT_CERT_FILE'),
      key_file: envRef('PROMETHEUS_CLIENT_KEY_FILE'),
    });
  });

  it('uses only components of the contrib image, all from one release', () => {
    const manifest = parse(
      readFileSync(join(COLLECTOR_CONFIG, '../manifest.yaml'), 'utf8'),
    ) as Record<string, { gomod: string }[]>;
    const contrib = new Set(
      readFileSync(join(COLLECTOR_CONFIG, '../contrib-components.txt'), 'utf8')
        .split('\n')
        .filter((line) => line && !line.startsWith('#')),
    );
    const modules = [
      'receivers',
      'processors',
      'exporters',
      'connectors',
      'extensions',
      'providers',
    ]
      .flatMap((kind) => manifest[kind] ?? [])
      .map((entry) => entry.gomod.split(' ') as [string, string]);
    expect(modules.length).toBeGreaterThan(10);
    for (const [module] of modules) expect(contrib, module).toContain(module);
    const releases = new Set(
      modules.filter(([module]) => !module.includes('/confmap/')).map(([, version]) => version),
    );
    expect([...releases]).toEqual([
      `v${(manifest.dist as unknown as { version: string }).version}`,
    ]);
  });

  it('requires TLS 1.3, a client certificate and a bearer token on the OTLP receiver', () => {
    const grpc = at('receivers.otlp.protocols.grpc') as Node;
    expect(grpc.tls).toMatchObject({
      min_version: '1.3',
      client_ca_file: envRef('OTELCOL_TLS_CLIENT_CA_FILE'),
    });
    expect(grpc.auth).toEqual({ authenticator: 'bearertokenauth/ingest' });
    expect(at('extensions.bearertokenauth/ingest.filename')).toBe(
      envRef('OTELCOL_INGEST_TOKEN_FILE'),
    );
  });

  it('masks bot tokens, cards, e-mails and phones and reports counts only', () => {
    const redaction = at('processors.redaction/defence') as Node;
    expect(redaction.allow_all_keys).toBe(true);
    expect(redaction.summary).toBe('info');
    // RE2's `\p{L}` classes read like JavaScript's in unicode mode.
    const patterns = (redaction.blocked_values as string[]).map(
      (pattern) => new RegExp(pattern, 'u'),
    );
    const masked = (value: string) => patterns.some((pattern) => pattern.test(value));
    expect(masked('bot123456789:AAHfQ1xZ2y3W4v5U6t7S8r9Q0p1O2n3M4l5K/getMe')).toBe(true);
    expect(masked('card 4111 1111 1111 1111')).toBe(true);
    expect(masked('mail jane.doe@example.org')).toBe(true);
    expect(masked('mail иван@пример.рф')).toBe(true);
    expect(masked('call +44 20 7946 0958')).toBe(true);
    expect(masked('telegram.update handled in 12 ms, update 123456')).toBe(false);
    expect(masked('token 12345678901234567:AAHfQ1xZ2y3W4v5U6t7S8r9Q0p1O2n3M4l5K')).toBe(true);
    expect(masked('arn:aws:iam::111122223333:resourcenameaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).toBe(
      false,
    );
  });

  it('sends logs to Loki over otlp_http with the tenant header, never giving up, through a persistent batching queue', () => {
    const loki = at('exporters.otlp_http/loki') as Node;
    expect(loki.headers).toEqual({ 'X-Scope-OrgID': envRef('LOKI_TENANT') });
    expect(loki.retry_on_failure).toMatchObject({ enabled: true, max_elapsed_time: 0 });
    expect(loki.sending_queue).toMatchObject({
      enabled: true,
      storage: 'file_storage/queue',
      batch: { sizer: 'items' },
    });
    expect(at('exporters.otlp_grpc/tempo.sending_queue')).toMatchObject({
      storage: 'file_storage/queue',
    });
  });

  it('uses no deprecated keys', () => {
    const exporters = Object.keys(at('exporters') as Node).map((id) => id.split('/')[0]);
    expect(exporters).not.toContain('otlphttp');
    expect(exporters).not.toContain('otlp');
    expect(exporters).not.toContain('loki');
    expect(Object.keys(at('processors') as Node)).not.toContain('batch');
    expect(at('service.telemetry.metrics.address')).toBeUndefined();
    expect(at('service.telemetry.metrics.readers')).toHaveLength(1);
  });
});

describeWithCollector('otelcol validate --config collector/config.yaml', () => {
  let dir: string;
  let setup: CollectorSetup;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-validate-'));
    // validate never opens the files, so placeholder paths are enough.
    setup = await prepareCollector({
      workDir: dir,
      tls: {
        cert: join(dir, 'collector.crt'),
        key: join(dir, 'collector.key'),
        clientCa: join(dir, 'ca.crt'),
      },
      token: 'validate-token',
      lokiEndpoint: 'http://127.0.0.1:3100/otlp',
      lokiTenant: 'telegram-bots',
      tempoEndpoint: '127.0.0.1:4317',
    });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts the configuration with the environment the tests use', async () => {
    const result = await validateCollectorConfig(setup.env);
    expect(result.exitCode, result.output).toBe(0);
  });

  it('is built from exactly the components config.yaml uses, all from one release', async () => {
    const { exitCode, output } = await runCollectorCommand(['components']);
    expect(exitCode, output).toBe(0);
    const built = parse(output) as Record<string, { name: string; module: string }[]>;
    const types = (section: string) =>
      Object.keys(at(section) as Node)
        .map((id) => id.split('/')[0])
        .sort();
    for (const section of ['receivers', 'processors', 'exporters', 'extensions']) {
      expect(built[section]?.map((component) => component.name).sort(), section).toEqual([
        ...new Set(types(section)),
      ]);
      for (const component of built[section] ?? [])
        expect(component.module).toMatch(/ v0\.165\.0$/);
    }
  });

  it('rejects it when a value is invalid (the check is real)', async () => {
    const result = await validateCollectorConfig({
      ...setup.env,
      OTELCOL_RETRY_INITIAL_INTERVAL: 'soon',
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('initial_interval');
  });
});

describeWithCollector('the collector running collector/config.yaml', () => {
  let stack: CollectorStack;
  beforeAll(async () => {
    stack = await startCollectorStack();
  });
  afterAll(() => stack?.close());

  // `validate` stays silent about deprecated aliases (e.g. `otlphttp`); the running collector warns.
  it('logs no deprecation warning at start-up', async () => {
    await waitFor('the start-up to complete', () =>
      stack.collector.output().includes('Everything is ready'),
    );
    expect(stack.collector.output()).not.toMatch(/deprecat/i);
  });
});
