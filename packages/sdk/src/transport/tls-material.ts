import { readFileSync } from 'node:fs';
import { TelemetryConfigurationError } from '../config/configuration-error.js';
import type { OtlpDestination } from '../config/resolve-config.js';

export interface TlsMaterial {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

function read(path: string | undefined, what: string, variable: string): Buffer | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new TelemetryConfigurationError([
      {
        setting: variable,
        message:
          `cannot read the ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? error}); ` +
          'check the path and that the bot user may read it',
      },
    ]);
  }
}

/** Reads the PEM files of an OTLP destination, with errors that name the variable to fix. */
export function readTlsMaterial(destination: OtlpDestination): TlsMaterial {
  return {
    ca: read(destination.caCertificate, 'CA certificate', 'OTEL_EXPORTER_OTLP_CERTIFICATE'),
    cert: read(
      destination.clientCertificate,
      'client certificate',
      'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
    ),
    key: read(destination.clientKey, 'client key', 'OTEL_EXPORTER_OTLP_CLIENT_KEY'),
  };
}
