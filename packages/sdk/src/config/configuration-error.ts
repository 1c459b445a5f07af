/** A configuration problem, with a message that says what to change. */
export class TelemetryConfigurationError extends Error {
  override name = 'TelemetryConfigurationError';
}
