import { defaultPolicy, extendPolicy, type RedactionPolicy } from '@telegraf-otel/redaction';
import {
  ATTR_AUDIT_ACTION,
  ATTR_AUDIT_OUTCOME,
  ATTR_CHAIN_HASH,
  ATTR_CHAIN_ID,
  ATTR_CHAIN_PREVIOUS,
  ATTR_CHAIN_SEQUENCE,
  ATTR_LOG_STREAM,
  AUDIT_NAME,
} from './audit-attributes.js';

const DIGEST = /^[0-9a-f]{32}$/;

/**
 * The audit fields' exact shapes. Without them a user named `denied` would have the outcome of
 * their own denied attempts masked as update content — hidden from the counts and alerts that
 * select on it.
 */
export const AUDIT_ALLOWED_KEYS: Readonly<Record<string, RegExp>> = Object.freeze({
  [ATTR_AUDIT_ACTION]: AUDIT_NAME,
  [ATTR_AUDIT_OUTCOME]: /^(?:granted|denied|failed)$/,
  [ATTR_LOG_STREAM]: /^audit$/,
  [ATTR_CHAIN_ID]: /^[0-9a-f]{16}$/,
  [ATTR_CHAIN_SEQUENCE]: /^[0-9]{1,15}$/,
  [ATTR_CHAIN_PREVIOUS]: DIGEST,
  [ATTR_CHAIN_HASH]: DIGEST,
});

/** `policy` (default: the default policy) with the audit fields allowed in their exact shapes. */
export function withAuditAllowances(policy: RedactionPolicy = defaultPolicy): RedactionPolicy {
  return extendPolicy(policy, { allowKeys: AUDIT_ALLOWED_KEYS });
}
