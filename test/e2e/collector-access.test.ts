import { ExportResultCode } from '@opentelemetry/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithCollector } from '../support/collector.js';
import { type CollectorStack, startCollectorStack } from '../support/collector-stack.js';
import { buildLogRecords, exportLogs, type SenderCredentials } from '../support/otlp-log-sender.js';

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
});
