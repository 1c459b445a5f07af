export {
  type CertificateSetFiles,
  type CertificateSetSpec,
  issueCertificateSet,
  type LeafSpec,
} from './certs/certificate-set.js';
export {
  type DevCertificateFiles,
  type DevCertificateOptions,
  generateDevCertificates,
} from './certs/generate-dev-certificates.js';
export {
  type ConfigurationProblem,
  TelemetryConfigurationError,
} from './config/configuration-error.js';
export { ENVIRONMENT_VARIABLES } from './config/environment.js';
export type { StartTelemetryOptions } from './config/options.js';
export { DEFAULT_FILE, type ResolvedConfig, resolveConfig } from './config/resolve-config.js';
export { InsecureFileDestinationError } from './file/secure-file-writer.js';
export { startTelemetry, type TelemetryHandle } from './start-telemetry.js';
