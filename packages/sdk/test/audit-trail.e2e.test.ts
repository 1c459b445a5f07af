import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPseudonymiser } from '@telegraf-otel/redaction';
import { audit, readAuditRecords, startTelemetry, verifyAuditChain } from '@telegraf-otel/sdk';
import { toLokiEntry } from '@telegraf-otel/test-utils/loki-mapping';
import { describe, expect, it } from 'vitest';
import { PSEUDONYM_KEY, USER_ID } from './support/canaries.js';
import { ADMIN_ID, AUDIT_KEY, REPLIES, useLoggingScenario } from './support/logging-scenario.js';

const scenario = useLoggingScenario();

const pseudonymiser = createPseudonymiser({ key: PSEUDONYM_KEY, keyVersion: 1 });
const auditRecords = () =>
  scenario.result.logs.filter((r) => r.attributes['telegram.log.stream'] === 'audit');
const auditOf = (action: string) =>
  auditRecords().filter((r) => r.attributes['telegram.audit.action'] === action);

describe('audit records', () => {
  it('carry who, what, where, when and the outcome, marked for the audit stream', () => {
    const [granted, denied] = auditOf('admin_command');
    expect(granted?.eventName).toBe('telegram.audit.admin_command');
    expect(granted?.severityText).toBe('INFO');
    expect(granted?.attributes).toMatchObject({
      'telegram.audit.outcome': 'granted',
      'telegram.log.stream': 'audit',
      'telegram.user.hash': pseudonymiser.pseudonymise('user', ADMIN_ID),
      'telegram.chat.hash': pseudonymiser.pseudonymise('chat', ADMIN_ID),
      'telegram.chat.type': 'private',
      'telegram.command': 'admin',
    });
    expect(denied?.severityText).toBe('WARN');
    expect(denied?.attributes).toMatchObject({
      'telegram.audit.outcome': 'denied',
      'telegram.user.hash': pseudonymiser.pseudonymise('user', USER_ID),
    });
    // Correlated with the update that caused it.
    expect(granted?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('each is also a span telegram.audit <action> in the update trace, which the collector counts', () => {
    const spans = scenario.result.spans.filter((s) => s.name === 'telegram.audit admin_command');
    expect(spans.map((s) => s.attributes)).toEqual([
      {
        'telegram.audit.action': 'admin_command',
        'telegram.audit.outcome': 'granted',
        'telegram.chat.type': 'private',
        'telegram.command': 'admin',
        'telegram.update.type': 'message',
      },
      expect.objectContaining({ 'telegram.audit.outcome': 'denied' }),
    ]);
    const [granted] = auditOf('admin_command');
    expect(spans[0]?.traceId).toBe(granted?.traceId);
  });

  it('details are redacted before they are sealed', () => {
    const [changed] = auditOf('greeting_changed');
    expect(changed?.attributes['telegram.audit.detail.setting']).toBe('welcome_text');
    expect(changed?.attributes['telegram.audit.detail.contact']).toBe('[REDACTED:email]');
  });

  it('every chain starts with a visible chain_started record, then numbers each record', () => {
    const sequence = auditRecords().map((r) => [
      r.attributes['telegram.audit.action'],
      r.attributes['telegram.audit.chain.seq'],
    ]);
    expect(sequence[0]).toEqual(['chain_started', 1]);
    expect(sequence.map(([, seq]) => seq)).toEqual(sequence.map((_, i) => i + 1));
  });
});

describe('access control', () => {
  it('denies a user outside the allowlist with a fixed answer and a denied record', () => {
    expect(scenario.result.replies.filter((r) => r === REPLIES.denied)).toHaveLength(2);
    expect(scenario.result.replies.filter((r) => r === REPLIES.admin)).toHaveLength(1);
  });

  it('a throwing check denies (fail closed)', () => {
    expect(auditOf('ops_command').map((r) => r.attributes['telegram.audit.outcome'])).toEqual([
      'denied',
    ]);
  });

  it('a privileged handler that throws is recorded as failed after granted', () => {
    expect(auditOf('purge_command').map((r) => r.attributes['telegram.audit.outcome'])).toEqual([
      'granted',
      'failed',
    ]);
    expect(auditOf('purge_command')[1]?.severityText).toBe('ERROR');
  });
});

interface OtlpLine {
  resourceLogs: {
    scopeLogs: {
      logRecords: { attributes: { key: string; value: Record<string, unknown> }[] }[];
    }[];
  }[];
}
type OtlpRecord = OtlpLine['resourceLogs'][0]['scopeLogs'][0]['logRecords'][0];
const attr = (record: OtlpRecord, key: string) =>
  Object.values(record.attributes.find((a) => a.key === key)?.value ?? {})[0];

/** Rewrites the file destination's lines; `edit` gets the audit records in file order. */
async function tampered(
  name: string,
  edit: (records: OtlpRecord[], lists: OtlpRecord[][]) => void,
): Promise<string> {
  const lines = (await readFile(scenario.file, 'utf8'))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as OtlpLine);
  const audits: OtlpRecord[] = [];
  const lists: OtlpRecord[][] = [];
  for (const line of lines)
    for (const rl of line.resourceLogs ?? [])
      for (const sl of rl.scopeLogs)
        for (const r of sl.logRecords)
          if (attr(r, 'telegram.log.stream') === 'audit') {
            audits.push(r);
            lists.push(sl.logRecords);
          }
  edit(audits, lists);
  const path = join(scenario.dir, name);
  await writeFile(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  return path;
}

describe('audit verify (file destination)', () => {
  it('a clean chain passes', async () => {
    const report = verifyAuditChain(await readAuditRecords([scenario.file]), AUDIT_KEY);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.chains).toHaveLength(1);
    expect(report.chains[0]?.records).toBe(auditRecords().length);
  });

  it('the wrong key fails every record', async () => {
    const report = verifyAuditChain(
      await readAuditRecords([scenario.file]),
      'another-key-0123456789abcdefghijklmnop',
    );
    expect(report.ok).toBe(false);
    expect(report.problems.filter((p) => p.kind === 'altered').length).toBeGreaterThanOrEqual(
      auditRecords().length,
    );
  });

  it('detects a deleted record', async () => {
    const path = await tampered('deleted.jsonl', (records, lists) => {
      const victim = records[2] as OtlpRecord;
      lists[2]?.splice(lists[2].indexOf(victim), 1);
    });
    const report = verifyAuditChain(await readAuditRecords([path]), AUDIT_KEY);
    expect(report.problems.map((p) => [p.kind, p.message])).toEqual([
      ['missing', 'record 3 is missing'],
    ]);
  });

  it('detects an altered record', async () => {
    const path = await tampered('altered.jsonl', (records) => {
      const denied = records.find(
        (r) => attr(r, 'telegram.audit.outcome') === 'denied',
      ) as OtlpRecord;
      const outcome = denied.attributes.find((a) => a.key === 'telegram.audit.outcome');
      if (outcome) outcome.value = { stringValue: 'granted' };
    });
    const report = verifyAuditChain(await readAuditRecords([path]), AUDIT_KEY);
    expect(report.problems.map((p) => p.kind)).toEqual(['altered']);
    expect(report.problems[0]?.message).toMatch(/^record 3 .* does not match its digest$/);
  });

  it('detects reordered records', async () => {
    const path = await tampered('reordered.jsonl', (records, lists) => {
      const [a, b] = [records[1] as OtlpRecord, records[3] as OtlpRecord];
      const [listA, listB] = [lists[1] as OtlpRecord[], lists[3] as OtlpRecord[]];
      const [i, j] = [listA.indexOf(a), listB.indexOf(b)];
      listA[i] = b;
      listB[j] = a;
    });
    const report = verifyAuditChain(await readAuditRecords([path]), AUDIT_KEY);
    expect(report.ok).toBe(false);
    expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(['reordered']));
  });
});

/**
 * The audit records as Loki answers a `query_range` for them: the collector lifts
 * `telegram.log.stream` into the resource (an index label), Loki maps the rest with its OTLP
 * mapping (structured metadata, dots to underscores), newest first.
 */
function asLokiResult(categorised: boolean) {
  const streams = auditRecords().map((record) => {
    const { 'telegram.log.stream': stream, ...attributes } = record.attributes;
    const { labels, structuredMetadata } = toLokiEntry({
      ...record,
      severityNumber: record.severityNumber ?? 0,
      severityText: record.severityText ?? '',
      eventName: record.eventName ?? '',
      attributes,
      resource: { ...record.resource, 'telegram.log.stream': stream },
    });
    const line = String(record.body);
    return categorised
      ? { stream: labels, values: [[record.timeUnixNano, line, { structuredMetadata }]] }
      : { stream: { ...labels, ...structuredMetadata }, values: [[record.timeUnixNano, line]] };
  });
  return { status: 'success', data: { resultType: 'streams', result: streams.reverse() } };
}

describe('audit verify (saved Loki query result)', () => {
  it('passes for both response encodings and detects a deleted entry', async () => {
    for (const categorised of [false, true]) {
      const path = join(scenario.dir, `loki-${categorised}.json`);
      const answer = asLokiResult(categorised);
      await writeFile(path, JSON.stringify(answer));
      expect(verifyAuditChain(await readAuditRecords([path]), AUDIT_KEY).problems).toEqual([]);
      answer.data.result.splice(3, 1);
      await writeFile(path, JSON.stringify(answer));
      expect(
        verifyAuditChain(await readAuditRecords([path]), AUDIT_KEY).problems.map((p) => p.kind),
      ).toEqual(['missing']);
    }
  });
});

// Last: it appends a second process run to the file the other tests read.
describe('restart', () => {
  it('reports a restart as a new chain starting at record 1, and stays clean', async () => {
    const restarted = startTelemetry({
      file: scenario.file,
      pseudonymKey: PSEUDONYM_KEY,
      auditKey: AUDIT_KEY,
      handleSignals: false,
    });
    audit(undefined, 'maintenance', { outcome: 'granted', task: 'backup' });
    await restarted.shutdown();
    const report = verifyAuditChain(await readAuditRecords([scenario.file]), AUDIT_KEY);
    expect(report.ok).toBe(true);
    expect(report.chains.map((c) => [c.restart, c.firstSequence])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    expect(report.chains[1]?.lastSequence).toBe(2);
  });
});
