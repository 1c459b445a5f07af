import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { STACK_SECRETS } from '../../scripts/stack/secrets.ts';
import { STACK_LEAVES } from '../../scripts/stack/stack-pki.ts';
import { COLLECTOR_BINARY, validateCollectorConfig } from '../support/collector.js';
import {
  buildComposeCheck,
  type ComposeProject,
  type ComposeService,
  loadComposeProject,
  REPO_ROOT,
} from '../support/compose-project.js';

const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');
const hasGo = (() => {
  try {
    execFileSync('go', ['version']);
    return true;
  } catch {
    return false;
  }
})();
const describeWithGo =
  hasGo || process.env.TELEGRAF_OTEL_REQUIRE_COLLECTOR === '1' ? describe : describe.skip;
if (!hasGo) console.warn('[stack] skipping the compose-go checks: Go is not installed');

/** Images without a shell: their healthchecks must be exec form and name a binary they ship. */
const HEALTHCHECK_BINARIES: Record<string, string> = {
  'grafana/loki': '/usr/bin/loki',
  'grafana/tempo': '/tempo',
  'prom/prometheus': 'promtool',
  'grafana/grafana': 'curl',
  busybox: 'wget',
};

const imageName = (service: ComposeService) => service.image?.split(':')[0] ?? '';

describeWithGo('docker-compose.yml, loaded by compose-go (what docker compose uses)', () => {
  let project: ComposeProject;
  const services = () => Object.entries(project.services);
  const longRunning = () => services().filter(([name]) => name !== 'init');

  beforeAll(async () => {
    await buildComposeCheck();
    project = await loadComposeProject(COMPOSE_FILE, { profiles: ['demo'] });
  }, 600_000);

  it('is a valid Compose project with the expected services', () => {
    expect(Object.keys(project.services).sort()).toEqual([
      'demo-bot',
      'grafana',
      'init',
      'loki',
      'otel-collector',
      'otel-collector-health',
      'prometheus',
      'tempo',
    ]);
    expect(project.services['demo-bot']?.profiles).toEqual(['demo']);
  });

  it('refuses what Compose refuses (the checker is not a rubber stamp)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compose-bad-'));
    try {
      const broken = readFileSync(COMPOSE_FILE, 'utf8').replace('cap_drop: [ALL]', 'cap_drop: ALL');
      await writeFile(join(dir, 'docker-compose.yml'), broken);
      await expect(loadComposeProject(join(dir, 'docker-compose.yml'))).rejects.toThrow(/cap_drop/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('pins every image to an exact version', () => {
    for (const [name, service] of services()) {
      if (service.build) continue;
      expect(service.image, name).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+\.\d+$/);
    }
    expect(project.services['demo-bot']?.build?.dockerfile).toBe('packages/demo-bot/Dockerfile');
    const dockerfile = readFileSync(join(REPO_ROOT, 'packages/demo-bot/Dockerfile'), 'utf8');
    for (const from of dockerfile.matchAll(/^FROM (\S+)/gm))
      expect(from[1]).toMatch(/:\d+\.\d+\.\d+-alpine\d+\.\d+$/);
  });

  it('runs the collector image of the release the test distribution is built from', () => {
    const manifest = parse(readFileSync(join(REPO_ROOT, 'collector/manifest.yaml'), 'utf8'));
    expect(project.services['otel-collector']?.image).toBe(
      `otel/opentelemetry-collector-contrib:${manifest.dist.version}`,
    );
  });

  it('hardens every service: read-only root, no capabilities, no privilege gain, memory limit, non-root', () => {
    for (const [name, service] of longRunning()) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.cap_add ?? [], name).toEqual([]);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
      expect(Number(service.mem_limit), name).toBeGreaterThan(0);
      expect(service.user, name).toMatch(/^[1-9]\d*:\d+$/);
    }
    const init = project.services.init;
    expect(init?.read_only).toBe(true);
    expect(init?.cap_drop).toEqual(['ALL']);
    expect(init?.cap_add?.sort()).toEqual(['CHOWN', 'DAC_OVERRIDE', 'FOWNER']);
    expect(init?.network_mode).toBe('none');
  });

  it('publishes only Grafana and the OTLP port, on loopback', () => {
    const published = services().flatMap(([name, service]) =>
      (service.ports ?? []).map((port) => `${name} ${port.host_ip}:${port.published}`),
    );
    expect(published.sort()).toEqual(['grafana 127.0.0.1:3000', 'otel-collector 127.0.0.1:4317']);
  });

  it('keeps Loki, Tempo and Prometheus on the internal network only', () => {
    const backend = Object.entries(project.networks).find(([name]) => name === 'backend');
    expect(backend?.[1].internal).toBe(true);
    for (const name of ['loki', 'tempo', 'prometheus', 'otel-collector-health', 'demo-bot'])
      expect(Object.keys(project.services[name]?.networks ?? {}), name).toEqual(['backend']);
  });

  it('has a healthcheck that the image can run, and waits for healthy dependencies', () => {
    for (const [name, service] of longRunning()) {
      if (name === 'otel-collector' || name === 'demo-bot') continue;
      const test = service.healthcheck?.test ?? [];
      expect(test[0], name).toBe('CMD');
      expect(test[1], name).toBe(HEALTHCHECK_BINARIES[imageName(service)]);
    }
    // The collector image is FROM scratch: its health is probed by the sidecar.
    expect(project.services['otel-collector']?.healthcheck).toBeUndefined();
    expect(project.services['otel-collector-health']?.healthcheck?.test.join(' ')).toContain(
      'http://otel-collector:13133/',
    );
    for (const [name, service] of services()) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const target = project.services[dependency];
        const expected =
          dependency === 'init'
            ? 'service_completed_successfully'
            : target?.healthcheck
              ? 'service_healthy'
              : 'service_started';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
      }
    }
  });

  it('mounts configuration read-only from files that exist, and data on named volumes', () => {
    for (const [name, service] of services()) {
      for (const volume of service.volumes ?? []) {
        if (volume.type === 'bind') {
          expect(volume.read_only, `${name} ${volume.target}`).toBe(true);
          expect(existsSync(volume.source ?? ''), `${name} ${volume.source}`).toBe(true);
        } else {
          expect(volume.type, `${name} ${volume.target}`).toBe('volume');
          expect(Object.keys(project.volumes)).toContain(volume.source);
        }
      }
    }
    // Credentials: each service sees only its own directory, read-only.
    const credentialMounts = services().flatMap(([name, service]) =>
      (service.volumes ?? [])
        .filter((v) => v.source === 'credentials' && name !== 'init')
        .map((v) => `${name}:${v.volume?.subpath}:${v.read_only}`),
    );
    expect(credentialMounts.sort()).toEqual([
      'demo-bot:demo-bot:true',
      'grafana:grafana:true',
      'otel-collector:collector:true',
      'prometheus:prometheus:true',
    ]);
  });

  it('takes every secret from a file that stack:init creates, and gives them to init only', () => {
    const created = new Set([
      ...STACK_SECRETS.map((secret) => join(REPO_ROOT, 'secrets', secret.file)),
      join(REPO_ROOT, 'secrets/pki/ca.crt'),
      ...STACK_LEAVES.flatMap((leaf) => [
        join(REPO_ROOT, `secrets/pki/${leaf.name}.crt`),
        join(REPO_ROOT, `secrets/pki/${leaf.name}.key`),
      ]),
    ]);
    const files = Object.values(project.secrets).map((secret) => secret.file ?? '');
    expect(files.sort()).toEqual([...created].sort());
    for (const [name, service] of longRunning())
      expect(service.secrets ?? [], `${name} gets no compose secret`).toEqual([]);
    const installer = readFileSync(join(REPO_ROOT, 'scripts/stack/install-credentials.sh'), 'utf8');
    const installed = new Set([...installer.matchAll(/\b([a-z_]+):[\w.-]+/g)].map((m) => m[1]));
    const given = (project.services.init?.secrets ?? []).map((secret) => secret.source);
    expect(given.sort()).toEqual(Object.keys(project.secrets).sort());
    for (const secret of given) expect(installed, secret).toContain(secret);
  });

  it('documents every variable it reads in .env.example, and sets no secret there', () => {
    const raw = readFileSync(COMPOSE_FILE, 'utf8');
    const used = new Set([...raw.matchAll(/\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}/g)].map((m) => m[1]));
    const example = readFileSync(join(REPO_ROOT, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...documented].sort());
    expect(example).not.toMatch(/PASSWORD=|TOKEN=|SECRET=|_KEY=/);
  });

  it('names no secret inline: credential variables point at files', () => {
    for (const [name, service] of services()) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        // Settings about secrets (a password policy flag) are fine; values that could be one are not.
        if (!/PASSWORD|TOKEN|SECRET|_KEY\b|_KEY_/.test(key) || /^(true|false)$/.test(value ?? ''))
          continue;
        expect(`${name} ${key}=${value}`).toMatch(/(__FILE=|_FILE=)\/|=\/[\w/.-]+$/);
      }
    }
    const raw = readFileSync(COMPOSE_FILE, 'utf8');
    expect(raw).not.toMatch(/-----BEGIN|[0-9]{6,}:[A-Za-z0-9_-]{30,}/);
  });

  it.runIf(existsSync(COLLECTOR_BINARY))(
    'the collector accepts collector/config.yaml with the environment compose gives it',
    async () => {
      const environment = Object.fromEntries(
        Object.entries(project.services['otel-collector']?.environment ?? {}).map(([k, v]) => [
          k,
          v ?? '',
        ]),
      );
      const result = await validateCollectorConfig(environment);
      expect(result.output).toBe('');
      expect(result.exitCode).toBe(0);
    },
  );

  it('gives the collector every variable collector/config.yaml requires', () => {
    const config = readFileSync(join(REPO_ROOT, 'collector/config.yaml'), 'utf8');
    const required = [...config.matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map((m) => m[1]);
    const environment = project.services['otel-collector']?.environment ?? {};
    for (const variable of new Set(required))
      expect(environment, `${variable} is set for the collector`).toHaveProperty(
        variable as string,
      );
  });

  it('mounts the same files the tests run: collector, Prometheus, Loki, Tempo and Grafana configuration', () => {
    const mounted = services().flatMap(([, service]) =>
      (service.volumes ?? [])
        .filter((v) => v.type === 'bind')
        .map((v) => relative(REPO_ROOT, v.source ?? '')),
    );
    expect(mounted.sort()).toEqual(
      [
        'collector/config.yaml',
        'grafana/dashboards',
        'grafana/provisioning',
        'loki/config.yaml',
        'prometheus/healthcheck.yml',
        'prometheus/prometheus.yml',
        'prometheus/web.yml',
        'scripts/stack/install-credentials.sh',
        'tempo/config.yaml',
      ].sort(),
    );
  });
});
