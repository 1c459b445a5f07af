import { webcrypto } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JsonGeneralNames, X509Certificate } from '@peculiar/x509';

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type X509 = typeof import('@peculiar/x509');

const crypto = webcrypto;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One certificate of a set: its file name stem, subject and what it may be used for. */
export interface LeafSpec {
  /** Files `<name>.crt` and `<name>.key`. */
  name: string;
  commonName: string;
  usages: readonly ('serverAuth' | 'clientAuth')[];
  /** DNS names and IP addresses (subject alternative names); servers need the names clients dial. */
  hosts?: readonly string[];
}

export interface CertificateSetSpec {
  /** Common name of the set's CA; its certificate is written to `ca.crt`. */
  caName: string;
  leaves: readonly LeafSpec[];
  /** Validity in days. */
  validityDays: number;
  /** Also write the CA key (`ca.key`, 0600) so that more certificates can be issued later. Default false. */
  keepCaKey?: boolean;
}

/** Paths of the written PEM files: `ca.crt`, optionally `ca.key`, and `<name>.crt`/`<name>.key` per leaf. */
export interface CertificateSetFiles {
  dir: string;
  caCert: string;
  caKey?: string;
  leaves: Record<string, { cert: string; key: string }>;
}

interface Issuer {
  cert: X509Certificate;
  keys: CryptoKeyPair;
}

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

function subjectAltNames(hosts: readonly string[]): JsonGeneralNames {
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
  spec: LeafSpec,
  days: number,
): Promise<Issuer> {
  const keys = await generateKeys();
  const extensions: InstanceType<X509['Extension']>[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(
      spec.usages.map((usage) => x509.ExtendedKeyUsage[usage]),
      false,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey, false, crypto),
  ];
  if (spec.hosts && spec.hosts.length > 0)
    extensions.push(new x509.SubjectAlternativeNameExtension(subjectAltNames(spec.hosts)));
  const cert = await x509.X509CertificateGenerator.create(
    {
      subject: `CN=${spec.commonName}`,
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

/** Writes `content` with `mode`, also when the file existed (writeFile's mode only applies to new files). */
export async function writePrivateFile(
  path: string,
  content: string,
  mode: number,
): Promise<string> {
  await writeFile(path, content, { mode });
  await chmod(path, mode);
  return path;
}

function writePem(path: string, pem: string, mode: number): Promise<string> {
  return writePrivateFile(path, pem.endsWith('\n') ? pem : `${pem}\n`, mode);
}

/**
 * Writes a CA and the certificates it signs as PEM files into `dir` (created 0700 if missing): certificates
 * 0644, keys 0600. Without `keepCaKey` the CA key is discarded, so nobody can issue more
 * certificates from the set.
 */
export async function issueCertificateSet(
  dir: string,
  spec: CertificateSetSpec,
): Promise<CertificateSetFiles> {
  const x509 = await loadX509();
  // Only a directory made here is 0700: an existing one (maybe a project directory) keeps its mode.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = await createCa(x509, spec.caName, spec.validityDays);
  const files: CertificateSetFiles = {
    dir,
    caCert: await writePem(join(dir, 'ca.crt'), ca.cert.toString('pem'), 0o644),
    leaves: {},
  };
  if (spec.keepCaKey)
    files.caKey = await writePem(join(dir, 'ca.key'), await privateKeyPem(x509, ca.keys), 0o600);
  for (const leafSpec of spec.leaves) {
    const leaf = await createLeaf(x509, ca, leafSpec, spec.validityDays);
    files.leaves[leafSpec.name] = {
      cert: await writePem(join(dir, `${leafSpec.name}.crt`), leaf.cert.toString('pem'), 0o644),
      key: await writePem(
        join(dir, `${leafSpec.name}.key`),
        await privateKeyPem(x509, leaf.keys),
        0o600,
      ),
    };
  }
  return files;
}
