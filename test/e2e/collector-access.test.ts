import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { connect } from 'node:tls';
import { ExportResultCode } from '@opentelemetry/core';
import {
  buildLogRecords,
  exportLogs,
  type SenderCredentials,
} from '@telegraf-otel/test-utils/otlp-log-sender';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';

const resource = { 'service.name': 'access-test-bot' };
/** gRPC status 16: the TLS handshake succeeded, the bearertokenauth extension refused the call. */
const UNAUTHENTICATED = /^Error: 16 UNAUTHENTICATED/;

describeWithCollector('collector receiver access control (mTLS + bearer token)', () => {
  let stack: CollectorStack;

  beforeAll(async () => {
    stack = await startCollectorStack();
  });
  afterAll(() => stack?.close());

  async function attempt(label: string, credentials: SenderCredentials) {
    const records = await buildLogRecords(resource, [{ body: `attempt ${label}` }]);
    return exportLogs(stack.sender(credentials), records);
  }

  it('accepts the bot: client certificate from the CA and the right token', async () => {
    const result = await attempt('legit', stack.botCredentials);
    expect(result.code, String(result.error)).toBe(ExportResultCode.SUCCESS);
    const [record] = await stack.loki.waitForRecords(1);
    expect(record?.body).toBe('attempt legit');
  });

  it.each([
    [
      'no client certificate',
      /certificate required/,
      (s: CollectorStack) => ({ ...s.botCredentials, cert: undefined, key: undefined }),
    ],
    [
      'a client certificate from another CA',
      /unknown ca/,
      (s: CollectorStack) => ({
        ...s.botCredentials,
        cert: s.certs.rogueClientCert,
        key: s.certs.rogueClientKey,
      }),
    ],
    [
      'no authorization header',
      UNAUTHENTICATED,
      (s: CollectorStack) => ({ ...s.botCredentials, authorization: undefined }),
    ],
    [
      'a wrong bearer token',
      UNAUTHENTICATED,
      (s: CollectorStack) => ({ ...s.botCredentials, authorization: `Bearer x${s.token}` }),
    ],
    // A token file with a trailing newline made "Bearer " acceptable in some versions.
    [
      'an empty bearer token',
      UNAUTHENTICATED,
      (s: CollectorStack) => ({ ...s.botCredentials, authorization: 'Bearer ' }),
    ],
    [
      'the token without its scheme',
      UNAUTHENTICATED,
      (s: CollectorStack) => ({ ...s.botCredentials, authorization: s.token }),
    ],
  ])('rejects %s', async (label, reason, credentials) => {
    const result = await attempt(label, credentials(stack));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(String(result.error)).toMatch(reason);
  });

  it('let nothing but the legitimate record through', async () => {
    // A fresh legitimate export after the rejections proves the pipeline still flows and is ordered after them.
    await attempt('legit again', stack.botCredentials);
    await stack.loki.waitForRecords(2);
    expect(stack.loki.records.map((record) => record.body)).toEqual([
      'attempt legit',
      'attempt legit again',
    ]);
    expect(stack.loki.wrongTenantRequests).toBe(0);
  });

  it('refuses a client that offers at most TLS 1.2 (min_version 1.3), even with a valid certificate', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port: Number(new URL(stack.setup.otlpUrl).port),
        ca: readFileSync(stack.certs.caCert),
        cert: readFileSync(stack.certs.clientCert),
        key: readFileSync(stack.certs.clientKey),
        servername: 'localhost',
        ALPNProtocols: ['h2'],
        maxVersion: 'TLSv1.2',
      });
      socket.once('secureConnect', () => {
        resolve(`connected with ${socket.getProtocol()}`);
        socket.destroy();
      });
      socket.once('error', (error) => resolve(error.message));
    });
    expect(outcome).toMatch(/alert protocol version/);
  });

  // Last: it rewrites the token file and restarts the collector.
  it('a token file with a trailing newline still accepts the token and still refuses "Bearer "', async () => {
    await writeFile(stack.setup.env.OTELCOL_INGEST_TOKEN_FILE as string, `${stack.token}\n`);
    await stack.restartCollector();
    const empty = await attempt('empty after newline', {
      ...stack.botCredentials,
      authorization: 'Bearer ',
    });
    expect(String(empty.error)).toMatch(UNAUTHENTICATED);
    const legit = await attempt('legit after newline', stack.botCredentials);
    expect(legit.code, String(legit.error)).toBe(ExportResultCode.SUCCESS);
  });
});
