import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { generateDevCertificates } from '@telegraf-otel/cli';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { useTestPki } from '@telegraf-otel/test-utils/test-pki';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A plaintext gRPC server that accepts OTLP exports of traces and logs and notes the services called. */
async function startPlaintextOtlpServer(): Promise<{
  server: Server;
  port: number;
  calls: string[];
}> {
  const calls: string[] = [];
  const server = new Server();
  const identity = (b: Buffer) => b;
  for (const service of ['trace.v1.TraceService', 'logs.v1.LogsService']) {
    const name = service.split('.').at(-1) as string;
    server.addService(
      {
        Export: {
          path: `/opentelemetry.proto.collector.${service}/Export`,
          requestStream: false,
          responseStream: false,
          requestSerialize: identity,
          requestDeserialize: identity,
          responseSerialize: identity,
          responseDeserialize: identity,
        },
      },
      {
        Export: (_call: unknown, done: (e: null, r: Buffer) => void) => {
          calls.push(name);
          done(null, Buffer.alloc(0));
        },
      },
    );
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { server, port, calls };
}

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const pki = useTestPki();
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
      /not signed by the configured CA \//,
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

  it('a plaintext loopback endpoint: a clear answer whether or not something listens, never a hang', async () => {
    const insecure = {
      TELEGRAF_OTEL_ALLOW_INSECURE: 'true',
      TELEGRAF_OTEL_PSEUDONYM_KEY: 'p'.repeat(40),
    };
    const nothing = await cli(['doctor'], {
      ...insecure,
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1',
    });
    expect(nothing.out).toMatch(
      /✖ connection to 127\.0\.0\.1:1 failed: nothing listens on the endpoint/,
    );
    expect(nothing.code).toBe(1);

    // The TLS receiver listens, but a plaintext client cannot talk to it.
    const tls = await cli(['doctor', '--timeout', '1500'], {
      ...insecure,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
    });
    expect(tls.out).toContain('✔ something listens on');
    expect(tls.out).toMatch(/✖ test export of traces failed: /);
    expect(tls.code).toBe(1);

    const plaintext = await startPlaintextOtlpServer();
    try {
      const ok = await cli(['doctor'], {
        ...insecure,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${plaintext.port}`,
      });
      expect(ok.out).toContain('✔ test export of traces accepted');
      expect(ok.out).toContain('✔ test export of logs accepted');
      expect(ok.code).toBe(0);
      expect(plaintext.calls).toEqual(expect.arrayContaining(['TraceService', 'LogsService']));
    } finally {
      plaintext.server.forceShutdown();
    }
  });

  it('the same validation as startTelemetry(): a short pseudonym key is a problem', async () => {
    const { code, out } = await cli(['doctor'], {
      ...goodEnv(),
      TELEGRAF_OTEL_PSEUDONYM_KEY: 'short',
    });
    expect(out).toMatch(/✖ TELEGRAF_OTEL_PSEUDONYM_KEY: is 5 bytes; at least 32 are required/);
    expect(out).not.toContain('configuration is valid');
    expect(out).not.toMatch(/fix:\s*\n/);
    expect(code).toBe(1);
  });

  it('lists misspelled variables with the nearest valid name as problems', async () => {
    const { code, out } = await cli(['doctor'], {
      ...goodEnv(),
      TELEGRAF_OTEL_SECRET: 'webhook-secret',
    });
    expect(out).toMatch(
      /✖ TELEGRAF_OTEL_SECRET is not a telegraf-otel setting and is ignored; did you mean TELEGRAF_OTEL_SECRETS\?\n\s+fix: Rename it to TELEGRAF_OTEL_SECRETS\./,
    );
    expect(code).toBe(1);
  });

  it('without a configured CA, an untrusted collector is not blamed on "the configured CA"', async () => {
    const env: Record<string, string> = { ...goodEnv() };
    delete env.OTEL_EXPORTER_OTLP_CERTIFICATE;
    const { out } = await cli(['doctor'], env);
    expect(out).toContain(
      'not signed by a CA in the system store (OTEL_EXPORTER_OTLP_CERTIFICATE is not set)',
    );
    expect(out).not.toContain('configured CA');
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

describe('telegraf-otel --version', () => {
  it('prints the package version', async () => {
    const { version } = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8'),
    );
    expect(await cli(['--version'])).toEqual({ code: 0, out: `${version}\n` });
  });
});

describe('telegraf-otel certs', () => {
  it('writes the development PKI and a token into a new 0700 directory and prints export lines', async () => {
    const out = join(pki.dir, 'cli-certs');
    const result = await cli(['certs', out, '--host', 'otel.internal', '--days', '30']);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'ca.crt',
      'client.crt',
      'client.key',
      'collector.crt',
      'collector.key',
      'token',
    ]);
    expect((await stat(out)).mode & 0o777).toBe(0o700);
    for (const secret of ['client.key', 'collector.key', 'token'])
      expect((await stat(join(out, secret))).mode & 0o777).toBe(0o600);
    const token = await readFile(join(out, 'token'), 'utf8');
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(result.out).not.toContain(token);
    const exports = result.out.split('\n').filter((l) => l.startsWith('export '));
    expect(exports).toEqual([
      'export OTEL_EXPORTER_OTLP_ENDPOINT=https://localhost:4317',
      `export OTEL_EXPORTER_OTLP_CERTIFICATE=${join(out, 'ca.crt')}`,
      `export OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE=${join(out, 'client.crt')}`,
      `export OTEL_EXPORTER_OTLP_CLIENT_KEY=${join(out, 'client.key')}`,
      `export TELEGRAF_OTEL_BEARER_TOKEN="$(cat ${join(out, 'token')})"`,
      `export OTELCOL_TLS_CERT_FILE=${join(out, 'collector.crt')}`,
      `export OTELCOL_TLS_KEY_FILE=${join(out, 'collector.key')}`,
      `export OTELCOL_TLS_CLIENT_CA_FILE=${join(out, 'ca.crt')}`,
      `export OTELCOL_INGEST_TOKEN_FILE=${join(out, 'token')}`,
    ]);
  });

  it('prints absolute paths for a relative directory', async () => {
    const result = await cli(['certs', 'relative-certs']);
    expect(result.out).toContain(
      `export OTEL_EXPORTER_OTLP_CERTIFICATE=${join(pki.dir, 'relative-certs', 'ca.crt')}`,
    );
  });

  it('refuses to overwrite an earlier set without --force, and never changes the mode of an existing directory', async () => {
    const project = join(pki.dir, 'project');
    await mkdir(project);
    await chmod(project, 0o755);
    await writeFile(join(project, 'package.json'), '{}');
    expect((await cli(['certs', project])).code).toBe(0);
    expect((await stat(project)).mode & 0o777).toBe(0o755);
    const before = await readFile(join(project, 'ca.crt'), 'utf8');

    const again = await cli(['certs', project]);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(
      /^telegraf-otel: .*project already holds ca\.crt, .*refusing to overwrite them\. Choose a new directory, or pass --force/,
    );
    expect(again.out).not.toContain('    at ');
    expect(await readFile(join(project, 'ca.crt'), 'utf8')).toBe(before);

    expect((await cli(['certs', project, '--force'])).code).toBe(0);
    expect(await readFile(join(project, 'ca.crt'), 'utf8')).not.toBe(before);
    expect((await stat(project)).mode & 0o777).toBe(0o755);
  });
});
