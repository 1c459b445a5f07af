import { createSecureContext } from 'node:tls';
import { type ChannelCredentials, credentials } from '@grpc/grpc-js';
import { TelemetryConfigurationError } from '../config/configuration-error.js';
import type { OtlpDestination } from '../config/resolve-config.js';
import { readTlsMaterial } from './tls-material.js';

/**
 * gRPC channel credentials for the collector: TLS 1.2 at least (1.3 is negotiated whenever the
 * collector offers it), the configured CA (or the system store), and the client certificate for
 * mTLS when configured. Plaintext only when the configuration explicitly allowed it.
 */
export function createChannelCredentials(destination: OtlpDestination): ChannelCredentials {
  if (destination.insecure) return credentials.createInsecure();
  const { ca, cert, key } = readTlsMaterial(destination);
  try {
    const context = createSecureContext({ ca, cert, key, minVersion: 'TLSv1.2' });
    return credentials.createFromSecureContext(context);
  } catch (error) {
    throw new TelemetryConfigurationError([
      {
        setting:
          'OTEL_EXPORTER_OTLP_CERTIFICATE, OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE, OTEL_EXPORTER_OTLP_CLIENT_KEY',
        message:
          `the TLS files are unusable (${(error as Error).message}); check that they are PEM files and ` +
          'that the key belongs to the certificate (`npx @telegraf-otel/cli doctor` checks each one)',
      },
    ]);
  }
}
