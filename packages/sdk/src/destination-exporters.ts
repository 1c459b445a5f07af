import type { StartTelemetryOptions } from './config/options.js';
import type { ResolvedConfig } from './config/resolve-config.js';
import { createFileExporters } from './file/file-exporters.js';
import { SecureFileWriter } from './file/secure-file-writer.js';
import { createOtlpExporters } from './transport/otlp-exporters.js';

function createDestinationExporters(config: ResolvedConfig) {
  const { destination } = config;
  if (destination.kind === 'otlp') return createOtlpExporters(destination);
  return createFileExporters(
    new SecureFileWriter(destination.path, {
      maxBytes: destination.maxBytes,
      maxFiles: destination.maxFiles,
    }),
  );
}

/** The injected exporters; the destination (opened only if needed) for a signal without one. */
export function createExporters(
  config: ResolvedConfig,
  injected: StartTelemetryOptions['exporters'],
) {
  if (injected?.spans && injected.logs) return { spans: injected.spans, logs: injected.logs };
  const destination = createDestinationExporters(config);
  // The destination's exporter a signal does not use is shut down, so a shared file closes.
  if (injected?.spans) void destination.spans.shutdown();
  if (injected?.logs) void destination.logs.shutdown();
  return { spans: injected?.spans ?? destination.spans, logs: injected?.logs ?? destination.logs };
}
