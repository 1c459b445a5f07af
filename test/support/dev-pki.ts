import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DevCertificateFiles,
  type DevCertificateOptions,
  generateDevCertificates,
} from '@telegraf-otel/sdk';
import { afterAll, beforeAll } from 'vitest';

/** A development PKI (the SDK's generator) in a fresh temporary directory. */
export interface DevPki {
  /** The temporary directory; the certificates are in `<dir>/certs`. */
  dir: string;
  certs: Required<DevCertificateFiles>;
  /** Server TLS files for a receiver standing in for the collector (its CA verifies clients). */
  serverTls(): { ca: string; cert: string; key: string };
}

/** Always with the rogue client (another CA's client certificate) that access tests present. */
export async function createDevPki(
  options: Omit<DevCertificateOptions, 'rogueClient'> = {},
): Promise<DevPki> {
  const dir = await mkdtemp(join(tmpdir(), 'telegraf-otel-pki-'));
  const certs = (await generateDevCertificates(join(dir, 'certs'), {
    rogueClient: true,
    ...options,
  })) as Required<DevCertificateFiles>;
  return {
    dir,
    certs,
    serverTls: () => ({ ca: certs.caCert, cert: certs.collectorCert, key: certs.collectorKey }),
  };
}

/**
 * {@link createDevPki} for the current test file: created before its tests, removed after them.
 * Read the fields inside tests and hooks, not at collection time.
 */
export function useDevPki(options: Omit<DevCertificateOptions, 'rogueClient'> = {}): DevPki {
  const pki = {} as DevPki;
  beforeAll(async () => {
    Object.assign(pki, await createDevPki(options));
  });
  afterAll(() => rm(pki.dir, { recursive: true, force: true }));
  return pki;
}
