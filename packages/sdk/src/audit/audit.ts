import {
  type Attributes,
  context,
  diag,
  logs,
  SeverityNumber,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import {
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_UPDATE_TYPE,
  ATTR_TELEGRAM_USER_HASH,
} from '@telegraf-otel/instrumentation';
import type { Redactor } from '@telegraf-otel/redaction';
import { loggingRuntime } from '../logging/logging-runtime.js';
import { contextIdentity, type TelegrafContextLike } from '../logging/telegraf-context.js';
import {
  ATTR_AUDIT_ACTION,
  ATTR_AUDIT_OUTCOME,
  ATTR_LOG_STREAM,
  AUDIT_DETAIL_PREFIX,
  AUDIT_EVENT_PREFIX,
  AUDIT_NAME,
  AUDIT_OUTCOMES,
  AUDIT_STREAM,
  type AuditOutcome,
  CHAIN_STARTED_ACTION,
} from './audit-attributes.js';

/** What happened, beyond who, where and when (which `audit()` takes from the context). */
export interface AuditDetails {
  /** Default `granted`. */
  outcome?: AuditOutcome;
  /** Further facts (`telegram.audit.detail.<key>`): bounded values, no personal data. */
  [key: string]: string | number | boolean | undefined;
}

type Value = string | number | boolean;

const SCOPE = '@telegraf-otel/sdk/audit';
const IDENTITY = [
  ATTR_TELEGRAM_USER_HASH,
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_UPDATE_TYPE,
];
const AUDIT_SPAN_PREFIX = 'telegram.audit ';
const SPAN_DIMENSIONS = [ATTR_TELEGRAM_CHAT_TYPE, ATTR_TELEGRAM_COMMAND, ATTR_TELEGRAM_UPDATE_TYPE];
const SEVERITY: Record<AuditOutcome, [SeverityNumber, string]> = {
  granted: [SeverityNumber.INFO, 'INFO'],
  denied: [SeverityNumber.WARN, 'WARN'],
  failed: [SeverityNumber.ERROR, 'ERROR'],
};

function identityOf(ctx: TelegrafContextLike | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (!ctx) return out;
  const identity: Attributes = contextIdentity(ctx);
  for (const key of IDENTITY) {
    const value = identity[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  return out;
}

function detailAttributes(details: AuditDetails): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [key, value] of Object.entries(details)) {
    if (key === 'outcome' || value === undefined) continue;
    if (!AUDIT_NAME.test(key))
      throw new TypeError(`audit: detail key ${JSON.stringify(key)} must match ${AUDIT_NAME}`);
    out[`${AUDIT_DETAIL_PREFIX}${key}`] = value;
  }
  return out;
}

type TraceAwareRedactor = Redactor & {
  inTrace?<T>(traceId: string | undefined, work: () => T): T;
};

/**
 * Redacts the record as the export will (the update's own content included), so that the digest
 * sealed next covers exactly what is stored and verifies later.
 */
function redactedAsExported(attributes: Record<string, Value>): Record<string, Value> {
  const redactor = loggingRuntime()?.redactor as TraceAwareRedactor | undefined;
  if (!redactor) return attributes;
  const redact = () => redactor.redactAttributes(attributes) as Record<string, Value>;
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return redactor.inTrace ? redactor.inTrace(traceId, redact) : redact();
}

function emit(action: string, outcome: AuditOutcome, fields: Record<string, Value>): void {
  const timeMillis = Date.now();
  const attributes = redactedAsExported({
    ...fields,
    [ATTR_AUDIT_ACTION]: action,
    [ATTR_AUDIT_OUTCOME]: outcome,
    [ATTR_LOG_STREAM]: AUDIT_STREAM,
  });
  loggingRuntime()?.auditChain.seal(timeMillis, attributes);
  const [severityNumber, severityText] = SEVERITY[outcome];
  logs.getLogger(SCOPE).emit({
    eventName: `${AUDIT_EVENT_PREFIX}${action}`,
    timestamp: timeMillis,
    severityNumber,
    severityText,
    body: `audit ${action} ${outcome}`,
    attributes,
    context: context.active(),
  });
  countAsSpan(action, outcome, fields);
}

/**
 * The collector counts audit events from spans (its span metrics): a zero-length span
 * `telegram.audit <action>`, child of the update's, with the bounded attributes only.
 */
function countAsSpan(action: string, outcome: AuditOutcome, fields: Record<string, Value>): void {
  const attributes: Attributes = { [ATTR_AUDIT_ACTION]: action, [ATTR_AUDIT_OUTCOME]: outcome };
  for (const key of SPAN_DIMENSIONS) if (fields[key] !== undefined) attributes[key] = fields[key];
  const span = trace.getTracer(SCOPE).startSpan(`${AUDIT_SPAN_PREFIX}${action}`, { attributes });
  if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}

/**
 * Writes an audit-trail record `telegram.audit.<action>` (OWASP logging vocabulary): who (the
 * pseudonymous user), what (action, outcome, details), where (chat type, pseudonymous chat, the
 * registered command), when (the record time), marked `telegram.log.stream=audit`. Every record
 * carries a sequence number and a keyed digest chaining it to the previous one of this process
 * (`telegraf-otel audit verify` checks the chain). Not subject to the log level.
 */
export function audit(
  ctx: TelegrafContextLike | undefined,
  action: string,
  details: AuditDetails = {},
): void {
  if (!AUDIT_NAME.test(action))
    throw new TypeError(`audit: action ${JSON.stringify(action)} must match ${AUDIT_NAME}`);
  const outcome = details.outcome ?? 'granted';
  if (!AUDIT_OUTCOMES.includes(outcome))
    throw new TypeError(`audit: outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
  const attributes = { ...identityOf(ctx), ...detailAttributes(details) };
  try {
    const chain = loggingRuntime()?.auditChain;
    // The first record of a run says so: a restart is visible in the trail, not only a new chain id.
    if (chain && !chain.started) emit(CHAIN_STARTED_ACTION, 'granted', {});
    emit(action, outcome, attributes);
  } catch {
    diag.error('telegraf-otel: could not emit an audit record');
  }
}
