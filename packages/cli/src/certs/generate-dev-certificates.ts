import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { issueCertificateSet, writePrivateFile } from './certificate-set.js';

export interface DevCertificateOptions {
  /** Extra DNS names or IP addresses for the collector certificate (besides localhost, 127.0.0.1, ::1, collector). */
  collectorHosts?: string[];
  /** Common name of the bot client certificate. Default `telegraf-otel-bot`. */
  clientName?: string;
  /** Validity in days. Default 365. */
  validityDays?: number;
  /** Replace files of an earlier set in `dir`. Without it, existing files are never overwritten. */
  force?: boolean;
}

/** `dir` already holds files this generator would write, and `force` was not given. */
export class DevCertificatesExistError extends Error {
  override name = 'DevCertificatesExistError';
}

/** Paths of the PEM files written by {@link generateDevCertificates}. */
export interface DevCertificateFiles {
  dir: string;
  caCert: string;
  collectorCert: string;
  collectorKey: string;
  clientCert: string;
  clientKey: string;
  /** A random bearer token for the collector's `bearertokenauth` (no trailing newline, 0600). */
  tokenFile: string;
}

const DEFAULT_COLLECTOR_HOSTS = ['localhost', '127.0.0.1', '::1', 'collector'];
const FILE_NAMES = [
  'ca.crt',
  'collector.crt',
  'collector.key',
  'client.crt',
  'client.key',
  'token',
];

/**
 * Creates `dir` (0700) when it is missing. In an existing directory, files of an earlier set are
 * only replaced with `force`: a running collector or bot may depend on them.
 */
async function prepareDirectory(dir: string, options: DevCertificateOptions): Promise<void> {
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined || options.force) return;
  const existing = (await readdir(dir)).filter((name) => FILE_NAMES.includes(name));
  if (existing.length > 0) {
    throw new DevCertificatesExistError(
      `${dir} already holds ${existing.join(', ')}; refusing to overwrite them. ` +
        'Choose a new directory, or pass --force (option `force: true`) to replace them.',
    );
  }
}

/**
 * Development PKI for the collector's mTLS receiver: a CA, a collector server certificate, a
 * bot client certificate (PEM files, keys 0600) and a random bearer token file, all under the
 * absolute form of `dir` (created 0700 when missing). Existing files are never overwritten without
 * `force`. The CA key is not written: nobody can issue further certificates from this set.
 */
export async function generateDevCertificates(
  dir: string,
  options: DevCertificateOptions = {},
): Promise<DevCertificateFiles> {
  const validityDays = options.validityDays ?? 365;
  dir = resolve(dir);
  await prepareDirectory(dir, options);
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
    tokenFile: await writePrivateFile(
      join(dir, 'token'),
      randomBytes(32).toString('base64url'),
      0o600,
    ),
  };
  return files;
}
