import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { committedFiles, loadCommitted, readCommitted } from './provisioning-files.js';

// The provisioning files name paths and variables inside the Grafana container; docker-compose.yml
// decides what is there. Both sides must agree, or Grafana starts with empty secrets.

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
type Mount =
  | string
  | { type: string; source: string; target: string; volume?: { subpath?: string } };
const compose = parse(readFileSync(repoFile('docker-compose.yml'), 'utf8')) as {
  services: { grafana: { volumes: Mount[]; environment: Record<string, string> } };
};
const grafana = compose.services.grafana;
const mounts = grafana.volumes.map((mount) => {
  if (typeof mount !== 'string') return mount;
  const [source = '', target = ''] = mount.split(':');
  return { type: 'bind', source, target };
});

/** The files the compose init service installs for Grafana (install_for grafana … name:file). */
function credentialFiles(): string[] {
  const script = readFileSync(repoFile('scripts/stack/install-credentials.sh'), 'utf8');
  const call = /^install_for grafana (?:[^\n\\]|\\\n)*/m.exec(script)?.[0] ?? '';
  return [...call.matchAll(/\b[a-z_]+:([\w.-]+)/g)].map((match) => match[1] ?? '');
}

const provisioningText = committedFiles()
  .filter((path) => path.startsWith('provisioning/'))
  .map(readCommitted)
  .join('\n');

describe('docker-compose.yml gives Grafana what the provisioning files name', () => {
  it('mounts the provisioning folder and the dashboards where the provider reads them', () => {
    const provider = loadCommitted('provisioning/dashboards/dashboards.yaml') as {
      providers: { options: { path: string } }[];
    };
    expect(mounts).toContainEqual({
      type: 'bind',
      source: './grafana/provisioning',
      target: '/etc/grafana/provisioning',
    });
    expect(mounts).toContainEqual({
      type: 'bind',
      source: './grafana/dashboards',
      target: provider.providers[0]?.options.path,
    });
  });

  it('every $__file{} path is a credential installed for Grafana', () => {
    const paths = [...provisioningText.matchAll(/\$__file\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    expect(paths.length).toBeGreaterThan(0);
    const installed = credentialFiles();
    for (const path of paths) {
      const mount = mounts.find((m) => path.startsWith(`${m.target}/`));
      expect(mount, path).toMatchObject({ source: 'credentials', volume: { subpath: 'grafana' } });
      expect(installed, path).toContain(posix.basename(path));
    }
  });

  it('every $__env{} variable is set in the Grafana service', () => {
    const names = [...provisioningText.matchAll(/\$__env\{(\w+)\}/g)].map((m) => m[1] ?? '');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(Object.keys(grafana.environment)).toContain(name);
  });
});
