import { auditDigest, CHAIN_GENESIS } from '../audit-chain.js';
import type { StoredAuditRecord } from './stored-audit-record.js';

export type ChainProblemKind = 'altered' | 'missing' | 'reordered' | 'duplicate' | 'unchained';

export interface ChainProblem {
  kind: ChainProblemKind;
  chainId?: string;
  message: string;
}

/** One process run: its chain, from sequence 1 (a restart) or from the first record found. */
export interface ChainSummary {
  chainId: string;
  firstSequence: number;
  lastSequence: number;
  records: number;
  /** Time of the first record found (ISO). */
  startedAt: string;
  /** True when the chain's first record (sequence 1, `chain_started`) is present: a (re)start. */
  restart: boolean;
}

export interface ChainReport {
  ok: boolean;
  records: number;
  chains: ChainSummary[];
  problems: ChainProblem[];
}

const KEYS = {
  id: 'telegram_audit_chain_id',
  seq: 'telegram_audit_chain_seq',
  prev: 'telegram_audit_chain_prev',
  hash: 'telegram_audit_chain_hash',
};

function checkChain(
  chainId: string,
  records: StoredAuditRecord[],
  key: string | Buffer,
  problems: ChainProblem[],
): ChainSummary {
  const problem = (kind: ChainProblemKind, message: string) =>
    problems.push({ kind, chainId, message });
  const seqOf = (r: StoredAuditRecord) => Number(r.attributes[KEYS.seq]);

  // Storage order: each record must come after the one before it in the chain.
  let highest = 0;
  for (const record of records) {
    const seq = seqOf(record);
    if (seq < highest)
      problem('reordered', `record ${seq} (${record.location}) is stored after record ${highest}`);
    highest = Math.max(highest, seq);
  }

  const bySequence = new Map<number, StoredAuditRecord>();
  for (const record of records) {
    const seq = seqOf(record);
    if (!Number.isSafeInteger(seq) || seq < 1) {
      problem('altered', `record at ${record.location} has no valid sequence number`);
      continue;
    }
    if (bySequence.has(seq))
      problem('duplicate', `record ${seq} appears more than once (${record.location})`);
    else bySequence.set(seq, record);
    if (auditDigest(key, record.timeMillis, record.attributes) !== record.attributes[KEYS.hash])
      problem('altered', `record ${seq} (${record.location}) does not match its digest`);
  }

  const sequences = [...bySequence.keys()].sort((a, b) => a - b);
  const first = sequences[0] ?? 0;
  const last = sequences.at(-1) ?? 0;
  if (first > 1)
    problem(
      'missing',
      `records 1–${first - 1} are missing (deleted, or before the range searched)`,
    );
  let expectedPrevious = first === 1 ? CHAIN_GENESIS : undefined;
  for (let seq = first; seq <= last; seq++) {
    const record = bySequence.get(seq);
    if (!record) {
      let end = seq;
      while (!bySequence.has(end + 1)) end++;
      problem(
        'missing',
        end === seq ? `record ${seq} is missing` : `records ${seq}–${end} are missing`,
      );
      seq = end;
      expectedPrevious = undefined;
      continue;
    }
    if (expectedPrevious !== undefined && record.attributes[KEYS.prev] !== expectedPrevious)
      problem('altered', `record ${seq} (${record.location}) does not follow record ${seq - 1}`);
    expectedPrevious = record.attributes[KEYS.hash];
  }
  const earliest = records.reduce(
    (min, r) => Math.min(min, r.timeMillis),
    Number.POSITIVE_INFINITY,
  );
  return {
    chainId,
    firstSequence: first,
    lastSequence: last,
    records: records.length,
    startedAt: new Date(earliest).toISOString(),
    restart: first === 1,
  };
}

/**
 * Checks audit records read back from storage: every digest (altered records), the sequence of
 * each chain (missing, duplicate records), the storage order (reordered records) and the link of
 * each record to the one before it. Each chain is one process run; a chain that starts at
 * sequence 1 is a (re)start. Records deleted at the very end of a chain cannot be detected.
 */
export function verifyAuditChain(
  records: readonly StoredAuditRecord[],
  key: string | Buffer,
): ChainReport {
  const problems: ChainProblem[] = [];
  const chains = new Map<string, StoredAuditRecord[]>();
  for (const record of records) {
    const id = record.attributes[KEYS.id];
    if (id === undefined) {
      problems.push({
        kind: 'unchained',
        message: `audit record at ${record.location} carries no chain`,
      });
      continue;
    }
    const chain = chains.get(id) ?? [];
    chain.push(record);
    chains.set(id, chain);
  }
  const summaries = [...chains].map(([id, chain]) => checkChain(id, chain, key, problems));
  summaries.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : 0));
  return { ok: problems.length === 0, records: records.length, chains: summaries, problems };
}
