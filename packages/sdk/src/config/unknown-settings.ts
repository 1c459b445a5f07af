import { closest, distance } from 'fastest-levenshtein';
import { ENVIRONMENT_VARIABLES } from './environment.js';
import type { StartTelemetryOptions } from './options.js';
import type { SettingName } from './settings-schema.js';

/** A `TELEGRAF_OTEL_*` variable or an option that nothing reads: most likely a typo. */
export interface UnknownSetting {
  /** `TELEGRAF_OTEL_SECRET` or `option \`secret\``. */
  setting: string;
  /** The nearest valid name, when one is close enough to be a plausible typo. */
  suggestion?: string;
}

const PREFIX = 'TELEGRAF_OTEL_';
/** Read by the repository's own test tooling, not by the SDK. */
const TOOLING_VARIABLES = new Set(['TELEGRAF_OTEL_REQUIRE_COLLECTOR']);
const KNOWN_VARIABLES = Object.values(ENVIRONMENT_VARIABLES)
  .flat()
  .filter((name) => name.startsWith(PREFIX));
/** Options that are not environment settings. */
const CODE_ONLY_OPTIONS = [
  'diagLogger',
  'exporters',
  'redactionPolicy',
  'telegraf',
] as const satisfies readonly (keyof StartTelemetryOptions)[];
// Compile-time guard: a new option must be a setting or listed above, or it would be reported as unknown.
type UnlistedOption = Exclude<
  keyof StartTelemetryOptions,
  SettingName | (typeof CODE_ONLY_OPTIONS)[number]
>;
const everyOptionListed: [UnlistedOption] extends [never] ? true : UnlistedOption = true;
void everyOptionListed;
const KNOWN_OPTIONS: string[] = [
  ...Object.keys(ENVIRONMENT_VARIABLES).filter(
    (name) => name !== 'insecure' && name !== 'logLevel',
  ),
  ...CODE_ONLY_OPTIONS,
];

function nearest(name: string, candidates: readonly string[]): string | undefined {
  const match = closest(name, candidates as string[]);
  // Beyond a third of the name a "suggestion" is a guess, not a typo fix.
  return distance(name, match) <= Math.max(2, Math.ceil(name.length / 3)) ? match : undefined;
}

/** Unknown `TELEGRAF_OTEL_*` variables and unknown option keys, each with its nearest valid name. */
export function findUnknownSettings(
  options: StartTelemetryOptions,
  env: Record<string, string | undefined>,
): UnknownSetting[] {
  const unknown: UnknownSetting[] = [];
  for (const name of Object.keys(env)) {
    if (!name.startsWith(PREFIX) || KNOWN_VARIABLES.includes(name) || TOOLING_VARIABLES.has(name))
      continue;
    unknown.push({ setting: name, suggestion: nearest(name, KNOWN_VARIABLES) });
  }
  for (const key of Object.keys(options)) {
    if (KNOWN_OPTIONS.includes(key)) continue;
    const suggestion = nearest(key, KNOWN_OPTIONS);
    unknown.push({
      setting: `option \`${key}\``,
      suggestion: suggestion && `option \`${suggestion}\``,
    });
  }
  return unknown;
}

/** `TELEGRAF_OTEL_SECRET is not a telegraf-otel setting and is ignored; did you mean …?` */
export function describeUnknownSetting({ setting, suggestion }: UnknownSetting): string {
  const hint = suggestion
    ? `did you mean ${suggestion}?`
    : 'see the list of settings in the README of @telegraf-otel/sdk.';
  return `${setting} is not a telegraf-otel setting and is ignored; ${hint}`;
}
