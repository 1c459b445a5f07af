import { parse } from 'yaml';
import { keyPaths } from './key-paths.ts';

/**
 * Key paths from Tempo's manifest (docs/sources/tempo/configuration/manifest.md): one YAML dump of
 * every option with its default. A struct prints all its fields there, so an empty mapping (`{}`)
 * is a map with free keys.
 */
export function tempoKeyPaths(markdown: string): string[] {
  const dump = /```yaml\n([\s\S]*?)\n```/.exec(markdown)?.[1];
  if (dump === undefined) throw new Error('the manifest has no YAML block');
  const document: unknown = parse(dump);
  return [...keyPaths(document), ...emptyMappingPaths(document).map((path) => `${path}.*`)];
}

function emptyMappingPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => emptyMappingPaths(item, `${path}[]`));
  if (typeof value !== 'object' || value === null) return [];
  const entries = Object.entries(value);
  if (entries.length === 0) return [path];
  return entries.flatMap(([key, child]) => emptyMappingPaths(child, path ? `${path}.${key}` : key));
}
