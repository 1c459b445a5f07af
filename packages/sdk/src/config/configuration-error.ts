/** One setting that must change, named as the user wrote it (variable or option). */
export interface ConfigurationProblem {
  /** The environment variable or `option \`name\`` to fix. */
  setting: string;
  /** What is wrong and how to fix it, in one sentence. */
  message: string;
}

/** A configuration problem, with a message that says what to change. */
export class TelemetryConfigurationError extends Error {
  override name = 'TelemetryConfigurationError';

  constructor(readonly problems: readonly ConfigurationProblem[]) {
    super(
      `telegraf-otel: invalid configuration: ${problems.map((p) => `${p.setting}: ${p.message}`).join('; ')}`,
    );
  }
}
