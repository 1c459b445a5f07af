import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll } from 'vitest';

// Issued by a third-party generator, not the product's own `certs` command: the SDK's TLS is tested
// against certificates it had no hand in making.

/** PEM file paths of a CA, a collector (server) and a bot (client), plus a client of another CA. */
export interface TestPkiFiles {
  caCert: string;
  collectorCert: string;
  collectorKey: string;
  clientCert: string;
  clientKey: string;
  /** A client certificate from an unrelated CA: a client the collector must reject. */
  rogueCaCert: string;
  rogueClientCert: string;
  rogueClientKey: string;
}

export interface TestPki {
  /** The temporary directory; the PEM files are in `<dir>/certs`. */
  dir: string;
  certs: TestPkiFiles;
  /** Server TLS files for a receiver standing in for the collector (its CA verifies clients). */
  serverTls(): { ca: string; cert: string; key: string };
}

interface Pem {
  cert: string;
  private: string;
}

const KEYS = { keyType: 'ec', algorithm: 'sha256' } as const;
// Subject alternative names: 2 is a DNS name, 7 an IP address.
const LOCAL_HOST_NAMES = [
  { type: 2, value: 'localhost' },
  { type: 7, ip: '127.0.0.1' },
  { type: 7, ip: '::1' },
] as const;

function issueCa(commonName: string): Promise<Pem> {
  return generate([{ name: 'commonName', value: commonName }], {
    ...KEYS,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
}

function issueLeaf(ca: Pem, commonName: string, usage: 'serverAuth' | 'clientAuth'): Promise<Pem> {
  return generate([{ name: 'commonName', value: commonName }], {
    ...KEYS,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', [usage]: true },
      ...(usage === 'serverAuth'
        ? [{ name: 'subjectAltName' as const, altNames: [...LOCAL_HOST_NAMES] }]
        : []),
    ],
  });
}

/** Writes a certificate and its key (0600, as a key file must be) under `certs`. */
async function writePair(certs: string, name: string, pem: Pem): Promise<[string, string]> {
  const cert = join(certs, `${name}.crt`);
  const key = join(certs, `${name}.key`);
  await writeFile(cert, pem.cert);
  await writeFile(key, pem.private, { mode: 0o600 });
  return [cert, key];
}

/** A fresh test PKI in a new temporary directory. */
export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-test-pki-'));
  const certsDir = join(dir, 'certs');
  await mkdir(certsDir, { mode: 0o700 });
  const [ca, rogueCa] = await Promise.all([issueCa('test CA'), issueCa('unrelated CA')]);
  const [collector, client, rogueClient] = await Promise.all([
    issueLeaf(ca, 'collector', 'serverAuth'),
    issueLeaf(ca, 'telegraf-otel-bot', 'clientAuth'),
    issueLeaf(rogueCa, 'rogue-client', 'clientAuth'),
  ]);
  const [caCert] = await writePair(certsDir, 'ca', ca);
  const [rogueCaCert] = await writePair(certsDir, 'rogue-ca', rogueCa);
  const [collectorCert, collectorKey] = await writePair(certsDir, 'collector', collector);
  const [clientCert, clientKey] = await writePair(certsDir, 'client', client);
  const [rogueClientCert, rogueClientKey] = await writePair(certsDir, 'rogue-client', rogueClient);
  const certs = {
    caCert,
    collectorCert,
    collectorKey,
    clientCert,
    clientKey,
    rogueCaCert,
    rogueClientCert,
    rogueClientKey,
  };
  return {
    dir,
    certs,
    serverTls: () => ({ ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey }),
  };
}

/**
 * {@link createTestPki} for the current test file: created before its tests, removed after them.
 * Read the fields inside tests and hooks, not at collection time.
 */
export function useTestPki(): TestPki {
  const pki = {} as TestPki;
  beforeAll(async () => {
    Object.assign(pki, await createTestPki());
  });
  afterAll(() => rm(pki.dir, { recursive: true, force: true }));
  return pki;
}
