export {
  type CertificateSetFiles,
  type CertificateSetSpec,
  issueCertificateSet,
  type LeafSpec,
} from './certs/certificate-set.js';
export { botEnvironment, collectorEnvironment, exportLines } from './certs/dev-environment.js';
export {
  type DevCertificateFiles,
  type DevCertificateOptions,
  DevCertificatesExistError,
  generateDevCertificates,
} from './certs/generate-dev-certificates.js';
