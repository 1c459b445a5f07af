import { join } from 'node:path';
import { issueCertificateSet } from './certificate-set.js';

export interface DevCertificateOptions {
  /** Extra DNS names or IP addresses for the collector certificate (besides localhost, 127.0.0.1, ::1, collector). */
  collectorHosts?: string[];
  /** Common name of the bot client certificate. Default `telegraf-otel-bot`. */
  clientName?: string;
  /** Validity in days. Default 365. */
  validityDays?: number;
  /**
   * Also write a second, unrelated CA and a client certificate it signed (in `rogue/`: `ca.crt`,
   * `rogue-client.crt`, `rogue-client.key`): a client the collector must reject.
   */
  rogueClient?: boolean;
}

/** Paths of the PEM files written by {@link generateDevCertificates}. */
export interface DevCertificateFiles {
  dir: string;
  caCert: string;
  collectorCert: string;
  collectorKey: string;
  clientCert: string;
  clientKey: string;
  rogueCaCert?: string;
  rogueClientCert?: string;
  rogueClientKey?: string;
}

const DEFAULT_COLLECTOR_HOSTS = ['localhost', '127.0.0.1', '::1', 'collector'];

/**
 * Development PKI for the collector's mTLS receiver: a CA, a collector server certificate and a
 * bot client certificate, written as PEM files (keys 0600, directory 0700). The CA key is not
 * written: nobody can issue further certificates from this set.
 */
export async function generateDevCertificates(
  dir: string,
  options: DevCertificateOptions = {},
): Promise<DevCertificateFiles> {
  const validityDays = options.validityDays ?? 365;
  const set = await issueCertificateSet(dir, {
    caName: 'telegraf-otel development CA',
    validityDays,
    leaves: [
      {
        name: 'collector',
        commonName: 'collector',
        usages: ['serverAuth'],
        hosts: [...DEFAULT_COLLECTOR_HOSTS, ...(options.collectorHosts ?? [])],
      },
      {
        name: 'client',
        commonName: options.clientName ?? 'telegraf-otel-bot',
        usages: ['clientAuth'],
      },
    ],
  });
  const leaf = (name: string) => {
    const files = set.leaves[name];
    if (!files) throw new Error(`certificate ${name} was not issued`);
    return files;
  };
  const files: DevCertificateFiles = {
    dir,
    caCert: set.caCert,
    collectorCert: leaf('collector').cert,
    collectorKey: leaf('collector').key,
    clientCert: leaf('client').cert,
    clientKey: leaf('client').key,
  };

  if (options.rogueClient) {
    // A second, unrelated CA in its own directory: only its client certificate is copied out.
    const rogue = await issueCertificateSet(join(dir, 'rogue'), {
      caName: 'unrelated CA',
      validityDays,
      leaves: [{ name: 'rogue-client', commonName: 'rogue-client', usages: ['clientAuth'] }],
    });
    const rogueClient = rogue.leaves['rogue-client'];
    files.rogueCaCert = rogue.caCert;
    files.rogueClientCert = rogueClient?.cert;
    files.rogueClientKey = rogueClient?.key;
  }
  return files;
}
