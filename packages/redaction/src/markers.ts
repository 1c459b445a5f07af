/** Marker that replaces a masked value; names the rule so dashboards and readers know why. */
export function marker(rule: string): string {
  return `[REDACTED:${rule}]`;
}

/** Appended to a value cut at the policy's maximum length. */
export const TRUNCATION_MARKER = '…[TRUNCATED]';

/** Rule names used by the engine itself (not by value rules). */
export const ENGINE_RULES = {
  knownSecret: 'known_secret',
  sensitiveKey: 'sensitive_key',
  ruleError: 'rule_error',
  unreadable: 'unreadable',
  cycle: 'cycle',
  maxDepth: 'max_depth',
  maxLength: 'max_length',
  unexpectedShape: 'unexpected_shape',
} as const;
