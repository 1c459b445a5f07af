import { webcrypto } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonGeneralNames, X509Certificate } from '@peculiar/x509';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type X509 = typeof import('@peculiar/x509');

const crypto = webcrypto;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DevCertificateOptions {
  /** Extra DNS names or IP addresses for the collector certificate (besides localhost, 127.0.0.1, ::1, collector). */
  collectorHosts?: string[];
  /** Common name of the bot client certificate. Default `telegraf-otel-bot`. */
  clientName?: string;
  /** Validity in days. Default 365. */
  validityDays?: number;
  /**
   * Also write a second, unrelated CA (`rogue-ca.crt`) and a client certificate it signed
   * (`rogue-client.crt`, `rogue-client.key`): a client the collector must reject.
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

interface Issuer {
  cert: X509Certificate;
  keys: CryptoKeyPair;
}

const DEFAULT_COLLECTOR_HOSTS = ['localhost', '127.0.0.1', '::1', 'collector'];

/**
 * Loaded on first use: @peculiar/x509 needs a global Reflect metadata polyfill, which a bot
 * process that only exports telemetry should never pay for.
 */
async function loadX509(): Promise<X509> {
  await import('reflect-metadata');
  return import('@peculiar/x509');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Backdated a minute so that a freshly generated set is valid on hosts with a slightly late clock.
  const notBefore = new Date(Date.now() - 60_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

function subjectAltNames(hosts: string[]): JsonGeneralNames {
  return [...new Set(hosts)].map((host) => ({
    type: isIpAddress(host) ? 'ip' : 'dns',
    value: host,
  }));
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

async function createCa(x509: X509, commonName: string, days: number): Promise<Issuer> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${commonName}`,
      keys,
      signingAlgorithm: ALGORITHM,
      ...validity(days),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(
          x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
          true,
        ),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return { cert, keys };
}

async function createLeaf(
  x509: X509,
  issuer: Issuer,
  commonName: string,
  usage: 'serverAuth' | 'clientAuth',
  days: number,
  hosts: string[] = [],
): Promise<Issuer> {
  const keys = await generateKeys();
  const extensions: InstanceType<X509['Extension']>[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage[usage]], false),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey, false, crypto),
  ];
  if (hosts.length > 0)
    extensions.push(new x509.SubjectAlternativeNameExtension(subjectAltNames(hosts)));
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${commonName}`,
      issuer: issuer.cert.subject,
      publicKey: keys.publicKey,
      signingKey: issuer.keys.privateKey,
      signingAlgorithm: ALGORITHM,
      ...validity(days),
      extensions,
    },
    crypto,
  );
  return { cert, keys };
}

async function privateKeyPem(x509: X509, keys: CryptoKeyPair): Promise<string> {
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
  return `${x509.PemConverter.encode(pkcs8, 'PRIVATE KEY')}\n`;
}

async function writePem(path: string, pem: string, mode: number): Promise<string> {
  await writeFile(path, pem.endsWith('\n') ? pem : `${pem}\n`, { mode });
  // writeFile's mode only applies to new files; an existing file keeps its old mode otherwise.
  await chmod(path, mode);
  return path;
}

/**
 * Development PKI for the collector's mTLS receiver: a CA, a collector server certificate and a
 * bot client certificate, written as PEM files (keys 0600, directory 0700). The CA key is not
 * written: nobody can issue further certificates from this set.
 */
export async function generateDevCertificates(
  dir: string,
  options: DevCertificateOptions = {},
): Promise<DevCertificateFiles> {
  const x509 = await loadX509();
  const days = options.validityDays ?? 365;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);

  const ca = await createCa(x509, 'telegraf-otel development CA', days);
  const collector = await createLeaf(x509, ca, 'collector', 'serverAuth', days, [
    ...DEFAULT_COLLECTOR_HOSTS,
    ...(options.collectorHosts ?? []),
  ]);
  const client = await createLeaf(
    x509,
    ca,
    options.clientName ?? 'telegraf-otel-bot',
    'clientAuth',
    days,
  );

  const files: DevCertificateFiles = {
    dir,
    caCert: await writePem(join(dir, 'ca.crt'), ca.cert.toString('pem'), 0o644),
    collectorCert: await writePem(
      join(dir, 'collector.crt'),
      collector.cert.toString('pem'),
      0o644,
    ),
    collectorKey: await writePem(
      join(dir, 'collector.key'),
      await privateKeyPem(x509, collector.keys),
      0o600,
    ),
    clientCert: await writePem(join(dir, 'client.crt'), client.cert.toString('pem'), 0o644),
    clientKey: await writePem(
      join(dir, 'client.key'),
      await privateKeyPem(x509, client.keys),
      0o600,
    ),
  };

  if (options.rogueClient) {
    const rogueCa = await createCa(x509, 'unrelated CA', days);
    const rogue = await createLeaf(x509, rogueCa, 'rogue-client', 'clientAuth', days);
    files.rogueCaCert = await writePem(
      join(dir, 'rogue-ca.crt'),
      rogueCa.cert.toString('pem'),
      0o644,
    );
    files.rogueClientCert = await writePem(
      join(dir, 'rogue-client.crt'),
      rogue.cert.toString('pem'),
      0o644,
    );
    files.rogueClientKey = await writePem(
      join(dir, 'rogue-client.key'),
      await privateKeyPem(x509, rogue.keys),
      0o600,
    );
  }
  return files;
}
