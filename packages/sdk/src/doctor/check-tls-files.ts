import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { OtlpDestination } from '../config/resolve-config.js';
import { error, type Finding, ok, warn } from './finding.js';

const DAY_MS = 86_400_000;

function readPem(path: string, variable: string, findings: Finding[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    findings.push(
      error(
        `${variable}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? e})`,
        'Fix the path, or give the bot user read access to the file.',
      ),
    );
    return undefined;
  }
}

function parseCertificate(
  pem: Buffer,
  path: string,
  variable: string,
  findings: Finding[],
): X509Certificate | undefined {
  try {
    return new X509Certificate(pem);
  } catch (e) {
    findings.push(
      error(
        `${variable}: ${path} is not a PEM certificate (${(e as Error).message})`,
        'Point the variable at the .crt file.',
      ),
    );
    return undefined;
  }
}

function checkValidity(cert: X509Certificate, label: string, findings: Finding[]): boolean {
  const now = Date.now();
  const notAfter = new Date(cert.validTo).getTime();
  if (new Date(cert.validFrom).getTime() > now) {
    findings.push(
      error(
        `${label} is not valid before ${cert.validFrom}`,
        'Check the system clock, or issue a new certificate.',
      ),
    );
    return false;
  }
  if (notAfter < now) {
    findings.push(
      error(
        `${label} expired on ${cert.validTo}`,
        'Issue a new certificate (`telegraf-otel certs <dir>` for development).',
      ),
    );
    return false;
  }
  if (notAfter - now < 14 * DAY_MS) {
    findings.push(warn(`${label} expires soon (${cert.validTo})`, 'Renew it before it expires.'));
  }
  return true;
}

/**
 * Checks the CA, client certificate and key files: readable, PEM, within validity, the key
 * belongs to the certificate and is private to its owner. Returns the parsed CA for the
 * handshake check.
 */
export function checkTlsFiles(
  destination: OtlpDestination,
  findings: Finding[],
): { ca?: X509Certificate; usable: boolean } {
  let usable = true;
  let ca: X509Certificate | undefined;
  if (destination.caCertificate === undefined) {
    findings.push(
      warn(
        'OTEL_EXPORTER_OTLP_CERTIFICATE is not set: the collector is verified against the system CA store',
        'For a private collector CA set OTEL_EXPORTER_OTLP_CERTIFICATE=<dir>/ca.crt.',
      ),
    );
  } else {
    const pem = readPem(destination.caCertificate, 'OTEL_EXPORTER_OTLP_CERTIFICATE', findings);
    ca =
      pem &&
      parseCertificate(pem, destination.caCertificate, 'OTEL_EXPORTER_OTLP_CERTIFICATE', findings);
    if (ca && checkValidity(ca, 'the CA certificate', findings)) {
      findings.push(
        ok(`CA certificate ${destination.caCertificate} (${ca.subject.replace(/\n/g, ', ')})`),
      );
    } else usable = false;
  }

  if (destination.clientCertificate === undefined || destination.clientKey === undefined) {
    findings.push(
      warn(
        'no client certificate configured: a collector that requires mTLS (the bundled one does) refuses the export',
        'Set OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY.',
      ),
    );
    return { ca, usable };
  }
  const certPem = readPem(
    destination.clientCertificate,
    'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
    findings,
  );
  const keyPem = readPem(destination.clientKey, 'OTEL_EXPORTER_OTLP_CLIENT_KEY', findings);
  const cert =
    certPem &&
    parseCertificate(
      certPem,
      destination.clientCertificate,
      'OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE',
      findings,
    );
  if (!cert || !keyPem) return { ca, usable: false };
  if (!checkValidity(cert, 'the client certificate', findings)) usable = false;
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) {
      findings.push(
        error(
          `the client key ${destination.clientKey} does not belong to the client certificate ${destination.clientCertificate}`,
          'Use the key that was generated with this certificate (client.key next to client.crt).',
        ),
      );
      usable = false;
    }
  } catch (e) {
    findings.push(
      error(
        `OTEL_EXPORTER_OTLP_CLIENT_KEY: ${destination.clientKey} is not a PEM private key (${(e as Error).message})`,
        'Point the variable at the .key file.',
      ),
    );
    usable = false;
  }
  if ((statSync(destination.clientKey).mode & 0o077) !== 0) {
    findings.push(
      warn(
        `the client key ${destination.clientKey} is readable by other users`,
        `chmod 600 ${destination.clientKey}`,
      ),
    );
  }
  if (ca && !cert.checkIssued(ca)) {
    findings.push(
      warn(
        'the client certificate was not issued by the configured CA',
        'Fine if the collector trusts another CA for clients; otherwise issue the client certificate from the same CA.',
      ),
    );
  }
  if (usable)
    findings.push(
      ok(
        `client certificate ${destination.clientCertificate} matches its key and is valid until ${cert.validTo}`,
      ),
    );
  return { ca, usable };
}
