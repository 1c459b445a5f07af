import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PUBLISHABLE } from '../../scripts/packages/publishable.mjs';
import { compileSource } from './typescript-source.js';

const root = new URL('../../', import.meta.url);

/** The sections of an OpenTelemetry JS contrib package README, in their order. */
const REQUIRED_SECTIONS = [
  'Installation',
  'Supported versions',
  'Usage',
  'Options',
  'Telemetry',
  'Semantic conventions',
  'License',
];

function readme(dir: string): string {
  return readFileSync(new URL(`${dir}/README.md`, root), 'utf8');
}

/** Level-2 headings, outside fenced code blocks (where `## ` may be a shell comment). */
function sections(markdown: string): string[] {
  return markdown
    .replace(/^```[\s\S]*?^```/gm, '')
    .split('\n')
    .filter((line) => line.startsWith('## '))
    .map((line) => line.slice(3).trim());
}

/** Everything written as code: fenced blocks and inline code spans. */
function codeText(markdown: string): string {
  const fenced = markdown.match(/^```[\s\S]*?^```/gm) ?? [];
  const inline = markdown.replace(/^```[\s\S]*?^```/gm, '').match(/`[^`\n]+`/g) ?? [];
  return [...fenced, ...inline].join('\n');
}

/** The public names of a package: every export of src/index.ts, `export *` resolved. */
function exportedNames(dir: string): string[] {
  const index = fileURLToPath(new URL(`${dir}/src/index.ts`, root));
  const { checker, source } = compileSource(index);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${index} is not a module`);
  return checker.getExportsOfModule(module).map((symbol) => symbol.getName());
}

describe.each(PUBLISHABLE)('the README of %s', (dir) => {
  const markdown = readme(dir);

  it('has the sections of a contrib package, in order (others only after Usage)', () => {
    const found = sections(markdown);
    expect(found.filter((s) => REQUIRED_SECTIONS.includes(s))).toEqual(REQUIRED_SECTIONS);
    expect(found.slice(0, 3)).toEqual(REQUIRED_SECTIONS.slice(0, 3));
    expect(found.at(-1)).toBe('License');
  });

  it('documents every export of src/index.ts by name', () => {
    const names = exportedNames(dir);
    expect(names.length).toBeGreaterThan(0);
    const code = codeText(markdown);
    const undocumented = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(code));
    expect(undocumented).toEqual([]);
  });
});
