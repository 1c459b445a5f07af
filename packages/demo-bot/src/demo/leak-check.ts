import type { Canary } from './traffic.js';

/** The forms a secret commonly takes in exported bytes: plain, URL-encoded, JSON-escaped. */
function encodings(value: string): string[] {
  return [...new Set([value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)])];
}

/** The canaries found in `text`, in any of their common encodings. */
export function findCanaries(text: string, canaries: readonly Canary[]): Canary[] {
  return canaries.filter((canary) => encodings(canary.value).some((form) => text.includes(form)));
}
