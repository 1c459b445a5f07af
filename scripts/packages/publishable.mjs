// The packages published to a registry, in dependency order, and the one version they share.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PUBLISHABLE = [
  'packages/redaction',
  'packages/instrumentation',
  'packages/sdk',
  'packages/cli',
];
/** Every workspace package, the private demo and test utilities included: their versions move together. */
export const WORKSPACES = [...PUBLISHABLE, 'packages/demo-bot', 'packages/test-utils'];

export function readManifest(dir) {
  return JSON.parse(readFileSync(new URL(`../../${dir}/package.json`, import.meta.url), 'utf8'));
}
