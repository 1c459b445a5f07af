const MARKER = /\[REDACTED:([a-z_]+)\]/g;

/**
 * The counters a redacted record must carry for what it shows: one per value that holds a mask
 * marker, and the rules named in the markers, sorted. The counters themselves are left out.
 */
export function countersFor(...parts: unknown[]): {
  'redaction.masked.count': number;
  'redaction.masked.rules': string;
} {
  let count = 0;
  const rules = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const found = [...value.matchAll(MARKER)].map((match) => match[1] as string);
      if (found.length > 0) count++;
      for (const rule of found) rules.add(rule);
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, nested] of Object.entries(value)) {
        if (!key.startsWith('redaction.')) visit(nested);
      }
    }
  };
  parts.forEach(visit);
  return {
    'redaction.masked.count': count,
    'redaction.masked.rules': [...rules].sort().join(','),
  };
}
