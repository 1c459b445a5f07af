import type { LRParser } from '@lezer/lr';

/** The syntax tree both query parsers (PromQL and LogQL, built on lezer) return. */
type Tree = ReturnType<LRParser['parse']>;

/** The text of every syntax error node in a lezer tree (empty when the query parses). */
export function syntaxErrors(tree: Tree, text: string): string[] {
  const errors: string[] = [];
  tree.iterate({
    enter: (node) => {
      if (node.type.isError)
        errors.push(`at ${node.from}: "${text.slice(node.from, node.to + 10)}"`);
    },
  });
  return errors;
}

/** The text of every node with one of `names`, optionally only inside a node named `inside`. */
export function nodeTexts(tree: Tree, text: string, names: string[], inside?: string): string[] {
  const found: string[] = [];
  const cursor = tree.cursor();
  const visit = (within: boolean): void => {
    do {
      const here = within || cursor.name === inside;
      if (names.includes(cursor.name) && (inside === undefined || here)) {
        found.push(text.slice(cursor.from, cursor.to));
      }
      if (cursor.firstChild()) {
        visit(here);
        cursor.parent();
      }
    } while (cursor.nextSibling());
  };
  visit(false);
  return found;
}
