// `npm run version:set -- <version>`: one version for every workspace package, and the same
// exact version wherever one of them depends on another, so the packages always move together.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, readManifest, WORKSPACES } from './publishable.mjs';

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(version ?? '')) {
  console.error('usage: npm run version:set -- <major.minor.patch[-pre]>');
  process.exit(1);
}
const names = new Set(WORKSPACES.map((dir) => readManifest(dir).name));
for (const dir of WORKSPACES) {
  const manifest = readManifest(dir);
  manifest.version = version;
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies'])
    for (const dependency of Object.keys(manifest[section] ?? {}))
      if (names.has(dependency)) manifest[section][dependency] = version;
  writeFileSync(join(ROOT, dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
console.log(
  `${WORKSPACES.length} packages at ${version}; run npm install to update the lock file.`,
);
