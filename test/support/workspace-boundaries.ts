import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One workspace package as the checks see it: where it is, what it declares, what it imports. */
export interface WorkspacePackage {
  /** Directory relative to the repository root, e.g. `packages/sdk`. */
  dir: string;
  name: string;
  /** Names in dependencies, devDependencies and peerDependencies. */
  declared: string[];
  /** Import specifiers by file (paths relative to the repository root). */
  imports: Map<string, string[]>;
}

const SECTIONS = ['dependencies', 'devDependencies', 'peerDependencies'] as const;
const SOURCE = /\.(c|m)?(t|j)s$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist']);
const SCOPE = '@telegraf-otel/';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(join(dir, entry.name));
    return SOURCE.test(entry.name) ? [join(dir, entry.name)] : [];
  });
}

/** Every module specifier of a file: static and dynamic imports, re-exports, `require` calls. */
function specifiers(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((f) => f.fileName);
}

/** The workspace packages listed in the root package.json, read from disk. */
export function readWorkspace(root: string): WorkspacePackage[] {
  const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return (rootManifest.workspaces as string[]).map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const declared = SECTIONS.flatMap((section) => Object.keys(manifest[section] ?? {}));
    const files = sourceFiles(join(root, dir));
    return {
      dir,
      name: manifest.name,
      declared,
      imports: new Map(files.map((file) => [relative(root, file), specifiers(file)])),
    };
  });
}

/** `@telegraf-otel/test-utils/wait-for` → `@telegraf-otel/test-utils`. */
const packageName = (specifier: string) => specifier.split('/').slice(0, 2).join('/');

const isInside = (path: string, dir: string) => path === dir || path.startsWith(`${dir}${sep}`);

/**
 * Imports that cross a package boundary undeclared: a workspace package missing from the
 * manifest, or a relative path into another package or into the repository's test/ directory.
 */
export function undeclaredImports(packages: WorkspacePackage[]): string[] {
  const problems: string[] = [];
  const otherDirs = (own: string) => packages.map((p) => p.dir).filter((dir) => dir !== own);
  for (const pkg of packages) {
    for (const [file, specs] of pkg.imports) {
      for (const spec of specs) {
        if (spec.startsWith(SCOPE)) {
          const name = packageName(spec);
          if (name !== pkg.name && !pkg.declared.includes(name))
            problems.push(
              `${file}: imports ${name}, which ${pkg.dir}/package.json does not declare`,
            );
        } else if (spec.startsWith('.')) {
          const target = resolve('/', dirname(file), spec).slice(1);
          const foreign = [...otherDirs(pkg.dir), 'test'].find((dir) => isInside(target, dir));
          if (foreign !== undefined)
            problems.push(`${file}: reaches into ${foreign}/ by relative path (${spec})`);
        }
      }
    }
  }
  return problems;
}

/** Cycles in the declared dependency graph between workspace packages, as `a → b → a`. */
export function dependencyCycles(packages: WorkspacePackage[]): string[] {
  const names = new Set(packages.map((p) => p.name));
  const edges = new Map(packages.map((p) => [p.name, p.declared.filter((d) => names.has(d))]));
  const cycles: string[] = [];
  const done = new Set<string>();
  const visit = (name: string, path: string[]) => {
    const seen = path.indexOf(name);
    if (seen >= 0) {
      cycles.push([...path.slice(seen), name].join(' → '));
      return;
    }
    if (done.has(name)) return;
    for (const next of edges.get(name) ?? []) visit(next, [...path, name]);
    done.add(name);
  };
  for (const name of names) visit(name, []);
  return cycles;
}
