import type { CollectorStack } from '../../test/support/collector-stack.js';

/** The bot's settings for the collector of `stack`, as a deployed bot would have them. */
export function botTelemetryEnv(stack: CollectorStack): Record<string, string> {
  return {
    OTEL_SERVICE_NAME: 'bench-telegraf-otel',
    OTEL_EXPORTER_OTLP_ENDPOINT: stack.setup.otlpUrl,
    OTEL_EXPORTER_OTLP_CERTIFICATE: stack.certs.caCert,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: stack.certs.clientCert,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: stack.certs.clientKey,
    TELEGRAF_OTEL_BEARER_TOKEN: stack.token,
    TELEGRAF_OTEL_PSEUDONYM_KEY: 'bench-pseudonym-key-0123456789abcdef-0123456789',
  };
}
