import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENVIRONMENT_VARIABLES } from '@telegraf-otel/sdk';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compileSource } from './typescript-source.js';

const readme = readFileSync(new URL('../../packages/sdk/README.md', import.meta.url), 'utf8');
const optionsFile = fileURLToPath(
  new URL('../../packages/sdk/src/config/options.ts', import.meta.url),
);

/** The rows of the README's Options table, as [option cell, variable cell]. */
function optionRows(): [string, string][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith('Options\n')) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `') || line.startsWith('| — |'))
    .map((line) => {
      const [option = '', variable = ''] = line.split('|').slice(1, 3);
      return [option, variable];
    });
}

/** The property names of `StartTelemetryOptions`, read with the TypeScript compiler. */
function startTelemetryOptions(): string[] {
  const { checker, source } = compileSource(optionsFile);
  const declaration = source.statements.find(
    (s): s is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(s) && s.name.text === 'StartTelemetryOptions',
  );
  if (!declaration) throw new Error('no StartTelemetryOptions in options.ts');
  return checker
    .getPropertiesOfType(checker.getTypeAtLocation(declaration))
    .map((property) => property.getName());
}

describe("the sdk README's Options table", () => {
  const rows = optionRows();

  it('has a row for every option of startTelemetry()', () => {
    const documented = new Set(rows.map(([option]) => option.match(/`(\w+)`/)?.[1]));
    expect(startTelemetryOptions().filter((name) => !documented.has(name))).toEqual([]);
  });

  it('names every environment variable the sdk reads', () => {
    const variables = rows.map(([, variable]) => variable).join(' ');
    const missing = Object.values(ENVIRONMENT_VARIABLES)
      .flat()
      .filter((name) => !variables.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
