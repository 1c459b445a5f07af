import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

const REQUIRE_VARIABLE = 'TELEGRAF_OTEL_REQUIRE_COLLECTOR';

/**
 * `describe` for suites that need binaries built from upstream Go modules (the collector,
 * Prometheus). All built → runs. One missing and TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 (CI) → fails.
 * Missing otherwise → skips with one line saying how to build them.
 */
export function describeWithBuilt(
  name: string,
  binaries: readonly string[],
  howTo: string,
  body: () => void,
): void {
  const missing = binaries.filter((binary) => !existsSync(binary));
  if (missing.length === 0) {
    describe(name, body);
    return;
  }
  if (process.env[REQUIRE_VARIABLE] === '1') {
    describe(name, () => {
      it('has its binaries built', () => {
        throw new Error(`${REQUIRE_VARIABLE}=1 but ${missing.join(', ')} missing: ${howTo}`);
      });
    });
    return;
  }
  console.warn(`[e2e] skipping "${name}": ${missing.join(', ')} not built; ${howTo}`);
  describe.skip(name, body);
}
