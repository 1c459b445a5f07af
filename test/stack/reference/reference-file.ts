import { readFileSync } from 'node:fs';

/**
 * A reference file: `#` comment lines (the header names the source, its tag and commit and its
 * licence; `# version: X.Y.Z` is the release it describes), then one key path a line. `*` in a
 * path stands for any one key of a free-form map, a trailing `**` for anything below a free-form
 * block.
 */
export interface KeyReference {
  version: string;
  isDocumented(path: string): boolean;
}

/** Documented keys that the generated part of a reference misses, with where they are documented. */
export interface DocumentedExtra {
  paths: string[];
  source: string;
}

export function readReference(file: string): KeyReference {
  const lines = readFileSync(file, 'utf8').split('\n');
  const version = lines
    .map((line) => /^# version: (\S+)$/.exec(line)?.[1])
    .find((found) => found !== undefined);
  if (!version) throw new Error(`${file} has no "# version:" header line`);
  const paths = lines.filter((line) => line !== '' && !line.startsWith('#'));
  const exact = new Set(paths.filter((path) => !path.includes('*')));
  const patterns = paths.filter((path) => path.includes('*')).map(wildcardPattern);
  return {
    version,
    isDocumented: (path) => exact.has(path) || patterns.some((pattern) => pattern.test(path)),
  };
}

export function formatReference(
  header: string[],
  paths: Iterable<string>,
  extras: readonly DocumentedExtra[],
): string {
  const lines = header.map((line) => `# ${line}`);
  lines.push(...[...new Set(paths)].sort());
  for (const extra of extras)
    lines.push(`# documented extras, source: ${extra.source}`, ...extra.paths);
  return `${lines.join('\n')}\n`;
}

function wildcardPattern(path: string): RegExp {
  const escaped = path
    .split('.')
    .map((segment) => {
      if (segment === '**') return '.+';
      return segment.replace(/[[\]]/g, '\\$&').replace(/^\*/, '[^.]+');
    })
    .join('\\.');
  return new RegExp(`^${escaped}$`);
}
