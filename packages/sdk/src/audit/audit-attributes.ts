/** Names of the audit records (the collector counts them; Loki keeps the `audit` stream longer). */
export const AUDIT_EVENT_PREFIX = 'telegram.audit.';
export const ATTR_AUDIT_ACTION = 'telegram.audit.action';
/** What an action (and a detail key) looks like: a bounded name, never free text. */
export const AUDIT_NAME = /^[a-z][a-z0-9_]{0,63}$/;
export const ATTR_AUDIT_OUTCOME = 'telegram.audit.outcome';
export const ATTR_LOG_STREAM = 'telegram.log.stream';
export const AUDIT_STREAM = 'audit';
/** Free-form details: `telegram.audit.detail.<key>`. */
export const AUDIT_DETAIL_PREFIX = 'telegram.audit.detail.';
/** The hash chain: one chain per process run, restarted (new id, sequence 1) on every start. */
export const ATTR_CHAIN_ID = 'telegram.audit.chain.id';
export const ATTR_CHAIN_SEQUENCE = 'telegram.audit.chain.seq';
export const ATTR_CHAIN_PREVIOUS = 'telegram.audit.chain.prev';
export const ATTR_CHAIN_HASH = 'telegram.audit.chain.hash';
/** The first record of every chain, so a restart shows in the trail itself. */
export const CHAIN_STARTED_ACTION = 'chain_started';

export const AUDIT_OUTCOMES = ['granted', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];
