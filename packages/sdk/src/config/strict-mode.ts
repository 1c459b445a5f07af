import { z } from 'zod';
import type { StartTelemetryOptions } from './options.js';

const flag = z.stringbool();

/**
 * Whether a configuration error stops start-up. Read on its own, because it must be known
 * exactly when the rest of the configuration is invalid.
 */
export function strictMode(
  options: StartTelemetryOptions,
  env: Record<string, string | undefined>,
): boolean {
  if (options.strict !== undefined) return options.strict;
  const parsed = flag.safeParse(env.TELEGRAF_OTEL_STRICT?.trim());
  return parsed.success && parsed.data;
}
