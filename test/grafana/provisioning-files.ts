import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The committed `grafana/` folder: what compose mounts into Grafana. */
export const grafanaDir = fileURLToPath(new URL('../../grafana/', import.meta.url));

/** Paths (relative to grafana/) of every committed provisioning file and dashboard. */
export function committedFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return [...walk(join(grafanaDir, 'provisioning')), ...walk(join(grafanaDir, 'dashboards'))]
    .map((path) => relative(grafanaDir, path))
    .sort();
}

export function readCommitted(path: string): string {
  return readFileSync(join(grafanaDir, path), 'utf8');
}

/** A committed file parsed as Grafana would (YAML provisioning or JSON dashboard). */
export function loadCommitted(path: string): unknown {
  const text = readCommitted(path);
  return path.endsWith('.json') ? JSON.parse(text) : parse(text);
}
