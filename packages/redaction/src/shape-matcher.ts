import type { ShapeRule } from './shape-rules.js';

export const PERSONAL_FIELD_RULE = 'personal_field';

export interface ShapeMatcher {
  /** Whether `key` is the first required key of some rule (only such maps need checking). */
  isTrigger(key: string): boolean;
  /** The keys of an object to replace by key, or undefined when it has no known shape. */
  personalFields(
    keys: readonly string[],
    values: readonly unknown[],
  ): ReadonlySet<string> | undefined;
}

/**
 * Indexes the rules by their first required key, so an object with none of those keys (almost
 * every attribute map) costs one set lookup per key.
 */
export function compileShapeRules(rules: readonly ShapeRule[]): ShapeMatcher {
  const byTrigger = new Map<string, ShapeRule[]>();
  for (const rule of rules) {
    const trigger = rule.whenKeys[0];
    if (trigger === undefined) continue;
    const list = byTrigger.get(trigger) ?? [];
    list.push(rule);
    byTrigger.set(trigger, list);
  }
  return {
    isTrigger: (key) => byTrigger.has(key),
    personalFields(keys, values) {
      let fields: Set<string> | undefined;
      for (const key of keys) {
        const candidates = byTrigger.get(key);
        if (!candidates) continue;
        for (const rule of candidates) {
          if (!rule.whenKeys.every((k) => keys.includes(k))) continue;
          if (rule.test) {
            const object: Record<string, unknown> = {};
            keys.forEach((k, i) => {
              object[k] = values[i];
            });
            if (!rule.test(object)) continue;
          }
          fields ??= new Set();
          for (const field of rule.fields) fields.add(field);
        }
      }
      return fields;
    },
  };
}
