/**
 * Key paths from Loki's configuration reference (docs/sources/shared/configuration.md): the
 * root block under "Supported contents and default values" and one block per `### <name>`
 * section. In a block, `[key: <type> ...]` is an option, `key:` opens a nested block, and
 * `[<name>]` inlines a section. A type naming a section (`<name>`, `<list of names>`,
 * `<map of string to name>`) continues into that section.
 */
export function lokiKeyPaths(markdown: string): string[] {
  const blocks = referenceBlocks(markdown);
  const root = blocks.get(ROOT);
  if (!root) throw new Error('the root block of the configuration reference was not found');
  const expand = (lines: string[], prefix: string, seen: readonly string[]): string[] => {
    const paths: string[] = [];
    const open: { indent: number; path: string }[] = [];
    const parentAt = (indent: number): string => {
      while (open.length > 0 && (open.at(-1)?.indent ?? 0) >= indent) open.pop();
      return open.at(-1)?.path ?? prefix;
    };
    const inline = (name: string, path: string): string[] => {
      const section = blocks.get(name);
      if (!section) throw new Error(`section "${name}" is referenced but not documented`);
      if (seen.includes(name)) throw new Error(`section "${name}" includes itself`);
      return expand(section, path, [...seen, name]);
    };
    for (const line of lines) {
      const indent = line.length - line.trimStart().length;
      const text = line.trim();
      const block = /^([A-Za-z0-9_]+):$/.exec(text);
      const embedded = /^\[<([A-Za-z0-9_]+)>\]$/.exec(text);
      // An option without a name is the enclosing block itself (a squashed map).
      const option = /^\[([A-Za-z0-9_]*): <([^>]*)>/.exec(text);
      if (block?.[1]) {
        const path = join(parentAt(indent), block[1]);
        paths.push(path);
        open.push({ indent, path });
      } else if (embedded?.[1]) {
        paths.push(...inline(embedded[1], parentAt(indent)));
      } else if (option?.[1] !== undefined && option[2] !== undefined) {
        const path = join(parentAt(indent), option[1]);
        paths.push(path);
        const target = typeTarget(option[2], path, (name) => blocks.has(name));
        if (target?.section) paths.push(...inline(target.section, target.path));
        else if (target) paths.push(target.path);
      }
    }
    return paths;
  };
  return expand(root, '', []);
}

const ROOT = '(root)';
const SCALARS = new Set([
  'string',
  'int',
  'float',
  'boolean',
  'duration',
  'Time',
  'list of strings',
]);

/** Where an option of `type` continues: into a section, a free-form map, or nowhere (a value). */
function typeTarget(
  type: string,
  path: string,
  isSection: (name: string) => boolean,
): { path: string; section?: string } | undefined {
  if (isSection(type)) return { path, section: type };
  const list = /^list of (.+)s$/.exec(type)?.[1];
  if (list && isSection(list)) return { path: `${path}[]`, section: list };
  const mapped = /^map of string to ?(.*)$/.exec(type)?.[1];
  if (mapped === undefined) return undefined;
  if (isSection(mapped)) return { path: `${path}.*`, section: mapped };
  // A map of values has free keys; a map of an undocumented structure is free-form below.
  return { path: SCALARS.has(mapped) ? `${path}.*` : `${path}.**` };
}

function join(parent: string, key: string): string {
  if (!key) return parent;
  return parent ? `${parent}.${key}` : key;
}

/** The YAML blocks that document options, by section (examples in other YAML blocks are skipped). */
function referenceBlocks(markdown: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let section: string | undefined;
  let code: string[] | undefined;
  for (const line of markdown.split('\n')) {
    if (code) {
      if (line.startsWith('```')) {
        if (section && isReferenceBlock(code))
          blocks.set(section, [...(blocks.get(section) ?? []), ...code]);
        code = undefined;
      } else code.push(line);
      continue;
    }
    if (line.startsWith('```yaml')) code = [];
    else if (line.startsWith('### Supported contents and default values')) section = ROOT;
    else if (line.startsWith('### ')) section = line.slice(4).trim();
    else if (line.startsWith('## ')) section = undefined;
  }
  return blocks;
}

function isReferenceBlock(lines: string[]): boolean {
  const significant = lines
    .map((line) => line.trim())
    .filter((text) => text && !text.startsWith('#'));
  return (
    significant.length > 0 &&
    significant.every(
      (text) => /^\[<?[A-Za-z0-9_]*(>\]|: <)/.test(text) || /^[A-Za-z0-9_]+:$/.test(text),
    )
  );
}
