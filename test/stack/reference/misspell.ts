/**
 * A copy of a parsed config document with the key at `path` renamed to `wrong` (its value kept):
 * the negative controls of the reference checks. Numbers in `path` index list items.
 */
export function withMisspelledKey<T extends object>(
  document: T,
  path: readonly (string | number)[],
  wrong: string,
): T {
  const copy = structuredClone(document);
  const key = String(path.at(-1));
  const parent = path
    .slice(0, -1)
    .reduce<Record<string | number, unknown>>(
      (node, segment) => node[segment] as Record<string | number, unknown>,
      copy as Record<string | number, unknown>,
    );
  if (!(key in parent)) throw new Error(`${path.join('.')} is not in the document`);
  parent[wrong] = parent[key];
  delete parent[key];
  return copy;
}
