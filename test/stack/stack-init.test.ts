import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_SECRETS } from '../../scripts/stack/secrets.ts';
import { STACK_LEAVES } from '../../scripts/stack/stack-pki.ts';

const run = promisify(execFile);
const INIT = fileURLToPath(new URL('../../scripts/stack/init.ts', import.meta.url));

async function stackInit(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  return run(
    process.execPath,
    [INIT, '--dir', join(dir, 'secrets'), '--env', join(dir, '.env'), ...args],
    {
      env: { PATH: process.env.PATH ?? '', ...env },
    },
  );
}

const mode = (path: string) => statSync(path).mode & 0o777;
const snapshot = (dir: string) =>
  Object.fromEntries(
    [
      ...STACK_SECRETS.map((s) => s.file),
      'pki/ca.crt',
      ...STACK_LEAVES.map((l) => `pki/${l.name}.crt`),
    ].map((file) => [file, readFileSync(join(dir, 'secrets', file), 'utf8')]),
  );

describe('npm run stack:init', () => {
  let dir: string;
  let firstOutput: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stack-init-'));
    firstOutput = (
      await stackInit(dir, [], {
        TELEGRAM_ALERT_BOT_TOKEN: ' 123456:AAtest-alert-bot-token-value-0123456789 ',
      })
    ).stdout;
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('creates every secret 0600 in 0700 directories, without a trailing newline', () => {
    expect(mode(join(dir, 'secrets'))).toBe(0o700);
    expect(mode(join(dir, 'secrets/pki'))).toBe(0o700);
    for (const secret of STACK_SECRETS) {
      const path = join(dir, 'secrets', secret.file);
      expect(mode(path), secret.file).toBe(0o600);
      const value = readFileSync(path, 'utf8');
      expect(value, secret.file).toBe(value.trim());
      if (secret.randomBytes) expect(value.length, secret.file).toBeGreaterThanOrEqual(32);
    }
    for (const leaf of STACK_LEAVES)
      expect(mode(join(dir, `secrets/pki/${leaf.name}.key`))).toBe(0o600);
    expect(mode(join(dir, 'secrets/pki/ca.key'))).toBe(0o600);
    // The supplied alerting token, trimmed.
    expect(readFileSync(join(dir, 'secrets/telegram_alert_bot_token'), 'utf8')).toBe(
      '123456:AAtest-alert-bot-token-value-0123456789',
    );
  });

  it('generates distinct random values and prints names and paths, never a value', () => {
    const values = STACK_SECRETS.filter((s) => s.randomBytes).map((s) =>
      readFileSync(join(dir, 'secrets', s.file), 'utf8'),
    );
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) expect(firstOutput).not.toContain(value);
    expect(firstOutput).not.toContain('AAtest-alert-bot-token');
    expect(firstOutput).toContain(
      `OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE=${join(dir, 'secrets/pki/bot.crt')}`,
    );
    expect(firstOutput).toContain('TELEGRAF_OTEL_BEARER_TOKEN="$(cat ');
  });

  it('issues certificates that chain to the CA and name every service they serve', () => {
    const ca = new X509Certificate(readFileSync(join(dir, 'secrets/pki/ca.crt')));
    expect(ca.ca).toBe(true);
    for (const leaf of STACK_LEAVES) {
      const cert = new X509Certificate(readFileSync(join(dir, `secrets/pki/${leaf.name}.crt`)));
      expect(cert.verify(ca.publicKey), leaf.name).toBe(true);
      expect(cert.checkIssued(ca), leaf.name).toBe(true);
      for (const host of leaf.hosts ?? []) {
        const matched =
          host.includes(':') || /^\d/.test(host) ? cert.checkIP(host) : cert.checkHost(host);
        expect(matched, `${leaf.name} serves ${host}`).toBe(host);
      }
    }
    const collector = new X509Certificate(readFileSync(join(dir, 'secrets/pki/collector.crt')));
    expect(collector.checkHost('otel-collector')).toBe('otel-collector');
    expect(collector.checkHost('prometheus')).toBeUndefined();
  });

  it('the certificates work for mutual TLS: Prometheus serves, Grafana and the collector are clients', async () => {
    const pem = (name: string) => readFileSync(join(dir, 'secrets/pki', name));
    const server = createServer(
      {
        cert: pem('prometheus.crt'),
        key: pem('prometheus.key'),
        ca: pem('ca.crt'),
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
      },
      (socket) => socket.end('ok'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const handshake = (client: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(
          {
            port,
            host: '127.0.0.1',
            servername: 'prometheus',
            ca: pem('ca.crt'),
            cert: pem(`${client}.crt`),
            key: pem(`${client}.key`),
          },
          () => undefined,
        );
        let data = '';
        socket.on('data', (chunk) => {
          data += chunk.toString();
        });
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    try {
      expect(await handshake('grafana')).toBe('ok');
      expect(await handshake('collector-client')).toBe('ok');
    } finally {
      server.close();
    }
  });

  it('is idempotent: a second run keeps every file', async () => {
    const before = snapshot(dir);
    const { stdout } = await stackInit(dir);
    expect(snapshot(dir)).toEqual(before);
    expect(stdout).toContain('kept');
    expect(stdout).not.toMatch(/\bcreated .*secrets\//);
  });

  it('--force replaces generated secrets and certificates, but keeps the alerting token it cannot make', async () => {
    const before = snapshot(dir);
    await stackInit(dir, ['--force']);
    const after = snapshot(dir);
    for (const secret of STACK_SECRETS) {
      if (secret.randomBytes) expect(after[secret.file], secret.file).not.toBe(before[secret.file]);
      else expect(after[secret.file], secret.file).toBe(before[secret.file]);
    }
    expect(after['pki/ca.crt']).not.toBe(before['pki/ca.crt']);
  });

  it('never overwrites .env, and copies .env.example when it is missing', async () => {
    const env = join(dir, '.env');
    expect(await readFile(env, 'utf8')).toContain('TELEGRAM_ALERT_CHAT_ID=');
    await writeFile(env, 'TELEGRAM_ALERT_CHAT_ID=42\n');
    await stackInit(dir, ['--force']);
    expect(await readFile(env, 'utf8')).toBe('TELEGRAM_ALERT_CHAT_ID=42\n');
  });

  it('says when no alerting bot token was given, and refuses a symbolic link as the secrets directory', async () => {
    const other = await mkdtemp(join(tmpdir(), 'stack-init-'));
    try {
      const { stdout } = await stackInit(other);
      expect(stdout).toContain('no TELEGRAM_ALERT_BOT_TOKEN was given');
      const linked = await mkdtemp(join(tmpdir(), 'stack-init-'));
      await symlink(join(other, 'secrets'), join(linked, 'secrets'));
      await expect(stackInit(linked)).rejects.toThrow(/not a directory/);
      await rm(linked, { recursive: true, force: true });
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
