/**
 * An object shape whose personal fields are replaced by key: when an object (map) has every key
 * of `whenKeys` (and passes `test`, if given), the values under `fields` become
 * `[REDACTED:personal_field]`, at any nesting depth.
 */
export interface ShapeRule {
  readonly name: string;
  readonly whenKeys: readonly string[];
  readonly test?: (object: Readonly<Record<string, unknown>>) => boolean;
  readonly fields: readonly string[];
}
