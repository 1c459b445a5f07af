import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateDevCertificates } from '@telegraf-otel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDevPki } from '../../../test/support/dev-pki.js';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '../../../test/support/otlp-grpc-receiver.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const pki = useDevPki();
let receiver: OtlpGrpcReceiver;

beforeAll(async () => {
  receiver = await startOtlpGrpcReceiver({
    tls: pki.serverTls(),
    bearerToken: 'doctor-bearer-token',
  });
});
afterAll(() => receiver.close());

async function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: pki.dir,
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

function goodEnv(): Record<string, string> {
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: `https://localhost:${receiver.port}`,
    OTEL_EXPORTER_OTLP_CERTIFICATE: pki.certs.caCert,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: pki.certs.clientCert,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: pki.certs.clientKey,
    TELEGRAF_OTEL_BEARER_TOKEN: 'doctor-bearer-token',
    TELEGRAF_OTEL_PSEUDONYM_KEY: 'p'.repeat(40),
  };
}

describe('telegraf-otel doctor', () => {
  it('a good configuration: handshake, test export, exit code 0', async () => {
    const { code, out } = await cli(['doctor'], goodEnv());
    expect(out).toContain('✔ TLS handshake with localhost');
    expect(out).toMatch(/TLSv1\.3/);
    expect(out).toContain('✔ test export of traces accepted');
    expect(out).toContain('✔ test export of logs accepted');
    expect(out).toContain('Telemetry would flow.');
    expect(code).toBe(0);
    expect(receiver.spans().map((s) => s.name)).toContain('telegraf-otel.doctor');
  });

  const broken: [string, Record<string, string>, RegExp][] = [
    [
      'a client certificate from another CA',
      { OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '', OTEL_EXPORTER_OTLP_CLIENT_KEY: '' },
      /rejected the client certificate/,
    ],
    [
      'a key that does not match the certificate',
      { OTEL_EXPORTER_OTLP_CLIENT_KEY: '' },
      /does not belong to the client certificate/,
    ],
    [
      'the wrong CA for the collector',
      { OTEL_EXPORTER_OTLP_CERTIFICATE: '' },
      /not signed by the configured CA/,
    ],
    [
      'a missing bearer token',
      { TELEGRAF_OTEL_BEARER_TOKEN: '' },
      /refused: 16 UNAUTHENTICATED[\s\S]*fix: Set the bearer token/,
    ],
    [
      'a plaintext endpoint',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317' },
      /refusing the plaintext OTLP endpoint[\s\S]*TELEGRAF_OTEL_ALLOW_INSECURE=true/,
    ],
    [
      'an unreadable CA file',
      { OTEL_EXPORTER_OTLP_CERTIFICATE: '/nonexistent/ca.crt' },
      /cannot read \/nonexistent\/ca\.crt \(ENOENT\)\n\s+fix:/,
    ],
    [
      'nothing listening',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://127.0.0.1:1' },
      /nothing listens on the endpoint/,
    ],
  ];
  for (const [name, change, expected] of broken) {
    it(`a broken configuration (${name}): the problem, its fix, exit code 1`, async () => {
      const env = { ...goodEnv(), ...change };
      // Empty values in the table mean "swap in the rogue material".
      if (change.OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE === '')
        env.OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE = pki.certs.rogueClientCert;
      if (change.OTEL_EXPORTER_OTLP_CLIENT_KEY === '')
        env.OTEL_EXPORTER_OTLP_CLIENT_KEY = pki.certs.rogueClientKey;
      if (change.OTEL_EXPORTER_OTLP_CERTIFICATE === '')
        env.OTEL_EXPORTER_OTLP_CERTIFICATE = pki.certs.rogueCaCert;
      if (change.TELEGRAF_OTEL_BEARER_TOKEN === '') delete env.TELEGRAF_OTEL_BEARER_TOKEN;
      const { code, out } = await cli(['doctor'], env);
      expect(out).toMatch(expected);
      expect(out).toContain('Telemetry would NOT flow');
      expect(code).toBe(1);
    });
  }

  it('an expired client certificate: the problem, its fix, exit code 1', async () => {
    // Zero days: valid from a minute ago until a minute ago.
    const expired = await generateDevCertificates(join(pki.dir, 'expired'), { validityDays: 0 });
    const { code, out } = await cli(['doctor'], {
      ...goodEnv(),
      OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: expired.clientCert,
      OTEL_EXPORTER_OTLP_CLIENT_KEY: expired.clientKey,
    });
    expect(out).toMatch(/✖ the client certificate expired on .*\n\s+fix: Issue a new certificate/);
    expect(code).toBe(1);
  });

  it('the file destination when no endpoint is set', async () => {
    const { code, out } = await cli(['doctor'], {
      TELEGRAF_OTEL_FILE: join(pki.dir, 'out', 't.jsonl'),
    });
    expect(out).toContain('telemetry is written to the private file');
    expect(out).toContain('TELEGRAF_OTEL_PSEUDONYM_KEY is not set');
    expect(code).toBe(0);
  });
});

describe('telegraf-otel certs', () => {
  it('writes the development PKI with private keys', async () => {
    const out = join(pki.dir, 'cli-certs');
    const result = await cli(['certs', out, '--host', 'otel.internal', '--days', '30']);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'ca.crt',
      'client.crt',
      'client.key',
      'collector.crt',
      'collector.key',
    ]);
    expect((await stat(out)).mode & 0o777).toBe(0o700);
    expect((await stat(join(out, 'client.key'))).mode & 0o777).toBe(0o600);
    expect(result.out).toContain(`OTEL_EXPORTER_OTLP_CLIENT_KEY=${join(out, 'client.key')}`);
  });
});
