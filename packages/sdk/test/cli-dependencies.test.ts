import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../scripts/packages/publishable.mjs';

/** What only the `telegraf-otel` command needs (@telegraf-otel/cli): no bot should install it. */
const CLI_ONLY = ['commander', '@peculiar/x509', 'reflect-metadata'];
const dist = new URL('../dist/', import.meta.url);

/** A module specifier in quotes, as `import … from "x"`, `import("x")` and `require("x")` write it. */
const specifier = (name: string) => new RegExp(`["']${name}(/[^"']*)?["']`);

describe('the sdk a bot installs', () => {
  it('does not depend on the CLI-only packages', () => {
    const manifest = readManifest('packages/sdk');
    for (const section of ['dependencies', 'peerDependencies', 'optionalDependencies'])
      for (const name of CLI_ONLY)
        expect(Object.keys((manifest[section] as object | undefined) ?? {})).not.toContain(name);
  });

  it('has no built module importing them (built by `npm run build`)', () => {
    const modules = readdirSync(dist).filter((f) => /\.(c?js)$/.test(f));
    expect(modules).toContain('index.js');
    const offenders = modules.flatMap((module) => {
      const code = readFileSync(new URL(module, dist), 'utf8');
      return CLI_ONLY.filter((name) => specifier(name).test(code)).map((n) => `${module} → ${n}`);
    });
    expect(offenders).toEqual([]);
  });
});
