import { scanForLeaks } from '@telegraf-otel/test-utils/canary-scanner';
import type { Canary } from './traffic.js';

/** The canaries found in `text`, in any encoding the shared canary scanner undoes. */
export function findCanaries(text: string, canaries: readonly Canary[]): Canary[] {
  const scan = scanForLeaks(text);
  return canaries.filter((canary) => scan.reveals(canary.value));
}
