/**
 * Key paths of a YAML document, in the notation of the reference files beside this module:
 * `a.b` is key `b` inside mapping `a`; `a[].b` is key `b` inside an item of list `a`. A list of
 * scalars, a scalar, null and an empty mapping or list end a path.
 */
export function keyPaths(document: unknown): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      if (value.length === 0) paths.push(path);
      for (const item of value) walk(item, isMapping(item) ? `${path}[]` : path);
      return;
    }
    if (isMapping(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    if (path) paths.push(path);
  };
  walk(document, '');
  return [...new Set(paths)];
}

/** `paths` plus every mapping and list on the way to them, so that an empty block is a known key too. */
export function withParents(paths: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const path of paths) {
    const segments = path.split('.');
    for (let end = 1; end <= segments.length; end++) {
      const prefix = segments.slice(0, end).join('.');
      all.add(prefix);
      if (prefix.endsWith('[]')) all.add(prefix.slice(0, -2));
    }
  }
  return [...all];
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
