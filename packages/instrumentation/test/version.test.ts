import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PACKAGE_NAME, PACKAGE_VERSION, TelegrafInstrumentation } from '../src/index.js';

describe('package identity', () => {
  it('PACKAGE_NAME and PACKAGE_VERSION match package.json and name the instrumentation scope', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(PACKAGE_NAME).toBe(pkg.name);
    expect(PACKAGE_VERSION).toBe(pkg.version);
    const instrumentation = new TelegrafInstrumentation({ enabled: false });
    expect(instrumentation.instrumentationName).toBe(pkg.name);
    expect(instrumentation.instrumentationVersion).toBe(pkg.version);
  });

  it('never loads telegraf at run time and declares api as a peer', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.dependencies?.telegraf).toBeUndefined();
    expect(pkg.dependencies?.['@opentelemetry/api']).toBeUndefined();
    expect(pkg.peerDependencies?.['@opentelemetry/api']).toBeDefined();
    const { readdir } = await import('node:fs/promises');
    const dir = new URL('../src/', import.meta.url);
    for (const file of await readdir(dir)) {
      const source = await readFile(new URL(file, dir), 'utf8');
      // Only `import type` may mention telegraf.
      expect(source).not.toMatch(/^import (?!type)[^;]*from 'telegraf/m);
      expect(source).not.toMatch(/require\(['"]telegraf/);
      expect(source).not.toContain('semantic-conventions/incubating');
    }
  });
});
