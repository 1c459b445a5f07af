// `npm run mutation -- --package <name> [stryker options]`: Stryker on one workspace
// package (see stryker.config.mjs), at low priority: the machine is shared.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('../../', import.meta.url));
const packages = readdirSync(new URL('../../packages/', import.meta.url));

const { values, tokens } = parseArgs({
  options: { package: { type: 'string', default: 'redaction' } },
  strict: false,
  tokens: true,
});
if (!packages.includes(String(values.package))) {
  console.error(`Unknown package "${values.package}"; one of: ${packages.join(', ')}`);
  process.exit(2);
}
// Everything else goes to Stryker (e.g. --mutate, --testFiles, --force).
const strykerArgs = tokens
  .filter((token) => token.kind !== 'option-terminator')
  .filter((token) => !(token.kind === 'option' && token.name === 'package'))
  .map((token) =>
    token.kind === 'option'
      ? token.rawName + (token.inlineValue ? `=${token.value}` : '')
      : token.value,
  );

const stryker = fileURLToPath(
  new URL('bin/stryker.js', import.meta.resolve('@stryker-mutator/core/package.json')),
);
const result = spawnSync(
  'nice',
  ['-n', '15', process.execPath, stryker, 'run', 'stryker.config.mjs', ...strykerArgs],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_PACKAGE: String(values.package) },
  },
);
process.exit(result.status ?? 1);
