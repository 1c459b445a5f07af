import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  dependencyCycles,
  readWorkspace,
  undeclaredImports,
  type WorkspacePackage,
} from './support/workspace-boundaries.js';

const root = fileURLToPath(new URL('../', import.meta.url));

const pkg = (
  dir: string,
  declared: string[],
  imports: Record<string, string[]> = {},
): WorkspacePackage => ({
  dir,
  name: `@telegraf-otel/${dir.split('/')[1]}`,
  declared,
  imports: new Map(Object.entries(imports)),
});

describe('the workspace packages', () => {
  const packages = readWorkspace(root);

  it('are all read, tests and sources alike', () => {
    const sdk = packages.find((p) => p.name === '@telegraf-otel/sdk');
    expect(packages.length).toBeGreaterThanOrEqual(5);
    expect([...(sdk?.imports.keys() ?? [])]).toEqual(
      expect.arrayContaining(['packages/sdk/src/index.ts', 'packages/sdk/test/export-e2e.test.ts']),
    );
  });

  it('import only workspace packages they declare, and no other package or test/ by path', () => {
    expect(undeclaredImports(packages)).toEqual([]);
  });

  it('declare no dependency cycle (devDependencies included)', () => {
    expect(dependencyCycles(packages)).toEqual([]);
  });
});

describe('the boundary checks catch planted violations', () => {
  it('an undeclared workspace package, and relative paths into test/ or another package', () => {
    const planted = [
      pkg('packages/a', ['@telegraf-otel/b'], {
        'packages/a/src/x.ts': [
          '@telegraf-otel/b/sub',
          '@telegraf-otel/a',
          '@telegraf-otel/c',
          './own.js',
          '../../../tsup.base.js',
        ],
        'packages/a/test/y.test.ts': ['../../../test/support/wait-for.js', '../../b/src/z.js'],
      }),
      pkg('packages/b', []),
    ];
    expect(undeclaredImports(planted)).toEqual([
      'packages/a/src/x.ts: imports @telegraf-otel/c, which packages/a/package.json does not declare',
      'packages/a/test/y.test.ts: reaches into test/ by relative path (../../../test/support/wait-for.js)',
      'packages/a/test/y.test.ts: reaches into packages/b/ by relative path (../../b/src/z.js)',
    ]);
  });

  it('a cycle through a devDependency', () => {
    const planted = [
      pkg('packages/a', ['@telegraf-otel/b', 'zod']),
      pkg('packages/b', ['@telegraf-otel/c']),
      pkg('packages/c', ['@telegraf-otel/a']),
      pkg('packages/d', ['@telegraf-otel/a']),
    ];
    expect(dependencyCycles(planted)).toEqual([
      '@telegraf-otel/a → @telegraf-otel/b → @telegraf-otel/c → @telegraf-otel/a',
    ]);
    expect(dependencyCycles(planted.slice(0, 2))).toEqual([]);
  });
});
