import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CertificateSetFiles, issueCertificateSet } from '@telegraf-otel/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { STACK_LEAVES } from '../../scripts/stack/stack-pki.ts';
import { describeWithBuilt } from '../support/describe-with-built.js';
import {
  COMPOSE_FILE,
  PROMETHEUS_BINARY,
  PROMETHEUS_CONFIG,
  PROMETHEUS_HEALTHCHECK_CONFIG,
  PROMTOOL_BINARY,
  type PrometheusTls,
  type RunningPrometheus,
  startPrometheus,
  webConfigFor,
} from '../support/prometheus.js';
import { withMisspelledKey } from './reference/misspell.js';

// Prometheus' own parsers reject unknown keys, so promtool (built from the release compose pins)
// is the configuration reference for prometheus.yml, web.yml and the healthcheck's HTTP config.

/** Runs with the built promtool; skips with one line without it, fails without it in CI. */
function describeWithPromtool(name: string, body: () => void): void {
  describeWithBuilt(
    name,
    [PROMETHEUS_BINARY, PROMTOOL_BINARY],
    'build it with "npm run prometheus:build" (needs Go)',
    body,
  );
}

interface ToolResult {
  code: number;
  output: string;
}

function promtool(...args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(PROMTOOL_BINARY, args, { timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

const readYaml = (file: string) => parse(readFileSync(file, 'utf8'));

describeWithPromtool('prometheus.yml, web.yml and healthcheck.yml checked by promtool', () => {
  let dir: string;
  let certificates: CertificateSetFiles;
  let tls: PrometheusTls;

  const write = async (name: string, content: string) => {
    const file = join(dir, name);
    await writeFile(file, content);
    return file;
  };
  const leaf = (name: string) => {
    const files = certificates.leaves[name];
    if (!files) throw new Error(`STACK_LEAVES has no "${name}" certificate`);
    return files;
  };
  /** healthcheck.yml with its credential paths at the test's files (compose mounts Prometheus' own). */
  const healthcheckConfig = (options: { clientCertificate: boolean }) => {
    const config = readYaml(PROMETHEUS_HEALTHCHECK_CONFIG);
    config.tls_config.ca_file = certificates.caCert;
    config.tls_config.cert_file = leaf('prometheus').cert;
    config.tls_config.key_file = leaf('prometheus').key;
    if (!options.clientCertificate) {
      delete config.tls_config.cert_file;
      delete config.tls_config.key_file;
    }
    return config;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-promtool-'));
    certificates = await issueCertificateSet(join(dir, 'pki'), {
      caName: 'test stack CA',
      leaves: STACK_LEAVES,
      validityDays: 1,
    });
    tls = {
      ca: certificates.caCert,
      serverCert: leaf('prometheus').cert,
      serverKey: leaf('prometheus').key,
      clientCert: leaf('grafana').cert,
      clientKey: leaf('grafana').key,
    };
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('promtool check config accepts prometheus/prometheus.yml', async () => {
    const result = await promtool('check', 'config', PROMETHEUS_CONFIG);
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it.each([
    [['storage', 'tsdb', 'out_of_order_time_window'], 'out_of_order_time_windw'],
    [['otlp', 'translation_strategy'], 'translation_stratgy'],
  ])('promtool check config rejects prometheus.yml with %j misspelled', async (path, wrong) => {
    const broken = withMisspelledKey(readYaml(PROMETHEUS_CONFIG), path, wrong);
    const result = await promtool('check', 'config', await write('broken.yml', stringify(broken)));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`field ${wrong} not found`);
  });

  it('promtool check web-config accepts prometheus/web.yml with real certificates', async () => {
    const result = await promtool('check', 'web-config', await write('web.yml', webConfigFor(tls)));
    expect(result.output).toContain('SUCCESS');
    expect(result.code).toBe(0);
  });

  it('promtool check web-config rejects web.yml with a misspelled key', async () => {
    const web = parse(webConfigFor(tls));
    const broken = withMisspelledKey(web, ['tls_server_config', 'client_auth_type'], 'client_auth');
    const result = await promtool(
      'check',
      'web-config',
      await write('web-broken.yml', stringify(broken)),
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('field client_auth not found');
  });

  describe("docker-compose.yml's healthcheck against Prometheus started with compose's flags", () => {
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      // The scrape target is unused here: a closed port on loopback.
      prometheus = await startPrometheus({ workDir: dir, tls, collectorMetrics: '127.0.0.1:9' });
    });

    afterAll(async () => {
      await prometheus?.stop();
    });

    /** Compose's healthcheck command, aimed at the test's port and HTTP config file. */
    const composeHealthcheck = (httpConfigFile: string): string[] => {
      const compose = readYaml(COMPOSE_FILE);
      const [kind, tool, ...args] = compose.services.prometheus.healthcheck.test as string[];
      expect([kind, tool]).toEqual(['CMD', 'promtool']);
      const port = new URL(prometheus.url).port;
      return args.map((arg) => {
        if (arg.startsWith('--url=')) {
          const url = new URL(arg.slice('--url='.length));
          url.port = port;
          return `--url=${url.origin}`;
        }
        if (arg.startsWith('--http.config.file=')) return `--http.config.file=${httpConfigFile}`;
        return arg;
      });
    };

    it('reports healthy with the client certificate of healthcheck.yml', async () => {
      const config = await write(
        'healthcheck.yml',
        stringify(healthcheckConfig({ clientCertificate: true })),
      );
      const result = await promtool(...composeHealthcheck(config));
      expect(result.output).toMatch(/healthy/i);
      expect(result.code).toBe(0);
    });

    it('fails without a client certificate (the listener requires one)', async () => {
      const config = await write(
        'healthcheck-anonymous.yml',
        stringify(healthcheckConfig({ clientCertificate: false })),
      );
      const result = await promtool(...composeHealthcheck(config));
      expect(result.code).not.toBe(0);
      // TLS 1.3 sends the server's refusal after the handshake: under load the client may see the
      // connection closed before it reads the alert (Go's HTTP/2 client then reports that its
      // connection could not be established). A listener that is down says "connection refused".
      expect(result.output).toMatch(
        /certificate required|connection reset|EOF|broken pipe|client conn could not be established/,
      );
      expect(result.output).not.toMatch(/connection refused/);
    });

    it('fails with a misspelled key in healthcheck.yml', async () => {
      const broken = withMisspelledKey(
        healthcheckConfig({ clientCertificate: true }),
        ['tls_config', 'server_name'],
        'server_nam',
      );
      const config = await write('healthcheck-broken.yml', stringify(broken));
      const result = await promtool(...composeHealthcheck(config));
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('field server_nam not found');
    });
  });
});
