import type { ApiClient, AsyncMethod } from './internal-types.js';
import type { TelegrafTelemetry } from './telemetry.js';

const kOriginal = Symbol.for('telegraf-otel.callApi');
const kTelemetry = Symbol.for('telegraf-otel.telemetry');

type TracedClient = ApiClient & { [kOriginal]?: AsyncMethod; [kTelemetry]?: TelegrafTelemetry };

/**
 * Traces the Bot API calls of one `Telegram` instance by replacing its `callApi` (idempotent).
 * The replacement is one shared function, so wrapping the per-update `ctx.telegram` costs no closure.
 */
export function traceTelegramInstance<T extends object>(
  telegram: T,
  telemetry: TelegrafTelemetry,
): T {
  const client = telegram as unknown as TracedClient;
  if (typeof client.callApi !== 'function' || client[kOriginal]) return telegram;
  client[kOriginal] = client.callApi;
  client[kTelemetry] = telemetry;
  client.callApi = tracedCallApi;
  return telegram;
}

function tracedCallApi(this: TracedClient, ...args: unknown[]): Promise<unknown> {
  const original = this[kOriginal] as AsyncMethod;
  const telemetry = this[kTelemetry] as TelegrafTelemetry;
  const token = telemetry.noteToken(this.token);
  return telemetry.traceApiCall(args[0], token, original, this, args);
}
