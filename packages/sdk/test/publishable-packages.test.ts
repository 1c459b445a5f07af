import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHABLE, readManifest, WORKSPACES } from '../../../scripts/packages/publishable.mjs';

const root = new URL('../../../', import.meta.url);

describe('the workspace packages', () => {
  const manifests = WORKSPACES.map((dir) => ({ dir, manifest: readManifest(dir) }));
  const names = new Set(manifests.map(({ manifest }) => manifest.name));

  it('share one version, and depend on each other at exactly that version', () => {
    const first = readManifest(WORKSPACES[0] as string);
    for (const { dir, manifest } of manifests) {
      expect(manifest.version, dir).toBe(first.version);
      for (const section of ['dependencies', 'devDependencies', 'peerDependencies'])
        for (const [dependency, range] of Object.entries(
          (manifest[section] as Record<string, string> | undefined) ?? {},
        ))
          if (names.has(dependency)) expect(range, `${dir} → ${dependency}`).toBe(first.version);
    }
  });

  it('the publishable ones carry what a registry and a user need', () => {
    for (const dir of PUBLISHABLE) {
      const manifest = readManifest(dir);
      expect(manifest.private, dir).toBeUndefined();
      expect(manifest.license, dir).toBe('Apache-2.0');
      expect(manifest.files, dir).toEqual(['dist', 'README.md', 'LICENSE']);
      expect(manifest.publishConfig, dir).toEqual({ access: 'public' });
      expect(manifest.engines.node, dir).toBe('>=22.15');
      expect(readFileSync(new URL(`${dir}/LICENSE`, root), 'utf8'), dir).toContain(
        'Apache License\n                           Version 2.0',
      );
      expect(existsSync(new URL(`${dir}/README.md`, root)), dir).toBe(true);
    }
    expect(readManifest('packages/demo-bot').private).toBe(true);
  });

  it('only @telegraf-otel/cli ships the telegraf-otel command, after the sdk it uses', () => {
    const withBin = PUBLISHABLE.filter((dir) => readManifest(dir).bin !== undefined);
    expect(withBin).toEqual(['packages/cli']);
    expect(readManifest('packages/cli').bin).toEqual({ 'telegraf-otel': './dist/cli.js' });
    expect(PUBLISHABLE.indexOf('packages/cli')).toBeGreaterThan(
      PUBLISHABLE.indexOf('packages/sdk'),
    );
  });
});
