import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import {
  type CertificateSetFiles,
  type DevCertificateFiles,
  generateDevCertificates,
  issueCertificateSet,
} from '@telegraf-otel/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let base: string;
let files: DevCertificateFiles;
/** A client certificate of an unrelated CA. */
let rogue: { cert: string; key: string };

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-certs-'));
  files = await generateDevCertificates(join(base, 'certs'), {
    collectorHosts: ['otel.example.test'],
  });
  const unrelated: CertificateSetFiles = await issueCertificateSet(join(base, 'unrelated'), {
    caName: 'unrelated CA',
    validityDays: 1,
    leaves: [{ name: 'client', commonName: 'rogue', usages: ['clientAuth'] }],
  });
  rogue = unrelated.leaves.client as { cert: string; key: string };
});
afterAll(() => rm(base, { recursive: true, force: true }));

async function handshake(
  clientCert: string,
  clientKey: string,
): Promise<{ authorized: boolean; protocol: string | null }> {
  const [ca, cert, key, clientPem, clientKeyPem] = await Promise.all([
    readFile(files.caCert),
    readFile(files.collectorCert),
    readFile(files.collectorKey),
    readFile(clientCert),
    readFile(clientKey),
  ]);
  const server = createServer(
    { ca, cert, key, requestCert: true, rejectUnauthorized: false },
    (socket: TLSSocket) => {
      socket.end(socket.authorized ? 'ok' : 'denied');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise((resolve, reject) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        ca,
        cert: clientPem,
        key: clientKeyPem,
        servername: 'localhost',
      });
      let body = '';
      socket.on('data', (d) => {
        body += d;
      });
      socket.on('end', () =>
        resolve({ authorized: body === 'ok', protocol: socket.getProtocol() }),
      );
      socket.on('error', reject);
    });
  } finally {
    server.close();
  }
}

describe('generateDevCertificates', () => {
  it('writes keys 0600 in a 0700 directory', async () => {
    expect((await stat(files.dir)).mode & 0o777).toBe(0o700);
    expect((await stat(files.collectorKey)).mode & 0o777).toBe(0o600);
    expect((await stat(files.clientKey)).mode & 0o777).toBe(0o600);
  });

  it('issues a collector certificate with the expected SANs and a clientAuth client certificate', async () => {
    const ca = new X509Certificate(await readFile(files.caCert));
    const collector = new X509Certificate(await readFile(files.collectorCert));
    const client = new X509Certificate(await readFile(files.clientCert));
    const unrelated = new X509Certificate(await readFile(rogue.cert));
    expect(ca.ca).toBe(true);
    expect(collector.verify(ca.publicKey)).toBe(true);
    expect(client.verify(ca.publicKey)).toBe(true);
    expect(unrelated.verify(ca.publicKey)).toBe(false);
    for (const host of ['localhost', 'collector', 'otel.example.test'])
      expect(collector.checkHost(host)).toBe(host);
    expect(collector.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(collector.checkIP('::1')).toBe('::1');
    expect(client.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(collector.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
  });

  it('completes a TLS 1.3 mutual handshake and a server rejects the unrelated client', async () => {
    const good = await handshake(files.clientCert, files.clientKey);
    expect(good).toEqual({ authorized: true, protocol: 'TLSv1.3' });
    const refused = await handshake(rogue.cert, rogue.key);
    expect(refused.authorized).toBe(false);
  });
});
