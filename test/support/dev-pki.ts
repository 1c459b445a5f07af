import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DevCertificateFiles,
  type DevCertificateOptions,
  generateDevCertificates,
  issueCertificateSet,
} from '@telegraf-otel/cli';

/** A development PKI (the CLI's generator) in a fresh temporary directory. */
export interface DevPki {
  /** The temporary directory; the certificates are in `<dir>/certs`. */
  dir: string;
  certs: DevCertificateFiles & RogueClientFiles;
  /** Server TLS files for a receiver standing in for the collector (its CA verifies clients). */
  serverTls(): { ca: string; cert: string; key: string };
}

/** A client certificate from an unrelated CA: a client the collector must reject. */
export interface RogueClientFiles {
  rogueCaCert: string;
  rogueClientCert: string;
  rogueClientKey: string;
}

/** Always with the rogue client (another CA's client certificate) that access tests present. */
export async function createDevPki(options: DevCertificateOptions = {}): Promise<DevPki> {
  const dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-pki-'));
  const dev = await generateDevCertificates(join(dir, 'certs'), options);
  const rogue = await issueCertificateSet(join(dir, 'rogue'), {
    caName: 'unrelated CA',
    validityDays: 2,
    leaves: [{ name: 'rogue-client', commonName: 'rogue-client', usages: ['clientAuth'] }],
  });
  const rogueClient = rogue.leaves['rogue-client'];
  if (!rogueClient) throw new Error('the rogue client certificate was not issued');
  const certs = {
    ...dev,
    rogueCaCert: rogue.caCert,
    rogueClientCert: rogueClient.cert,
    rogueClientKey: rogueClient.key,
  };
  return {
    dir,
    certs,
    serverTls: () => ({ ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey }),
  };
}
