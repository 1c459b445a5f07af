// `npm run grafana:build`: writes Grafana's provisioning files and dashboards from the sources.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles } from './generate.ts';

const grafanaDir = fileURLToPath(new URL('..', import.meta.url));

for (const file of generateFiles()) {
  const target = join(grafanaDir, file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content);
  console.log(`wrote grafana/${file.path}`);
}
