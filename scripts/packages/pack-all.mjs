// `npm run pack:all`: builds and packs the publishable packages into tarballs/ and prints the
// line that installs them into another project.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PUBLISHABLE, ROOT } from './publishable.mjs';

export const TARBALLS = join(ROOT, 'tarballs');

/** Packs every publishable package (their prepack script builds them); returns the tarball paths. */
export function packAll({ quiet = false } = {}) {
  rmSync(TARBALLS, { recursive: true, force: true });
  mkdirSync(TARBALLS, { recursive: true });
  const args = ['pack', '--json', '--pack-destination', TARBALLS];
  for (const dir of PUBLISHABLE) args.push('--workspace', dir);
  // prepack builds each package, and the build tools may print to stdout as well (coloured, so
  // with '[' in escape codes): the JSON report is the array that starts on a line of its own.
  const report = execFileSync('npm', args, {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'],
  });
  const start = report.search(/^\[\s*$/m);
  if (start < 0) throw new Error(`npm pack printed no JSON report:\n${report.slice(-2000)}`);
  const packed = JSON.parse(report.slice(start));
  return packed.map((entry) => join(TARBALLS, entry.filename));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tarballs = packAll({ quiet: true });
  console.log(`Packed ${tarballs.length} packages:`);
  for (const tarball of tarballs) console.log(`  ${relative(process.cwd(), tarball)}`);
  console.log('\nIn your bot project:');
  console.log(`  npm install ${tarballs.join(' ')} telegraf`);
}
