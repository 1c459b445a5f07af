export { ibanValid, luhnValid } from './checksums.js';
export { CONTENT_RULE, CONTENT_THRESHOLDS } from './content-matcher.js';
export {
  ContentRegistry,
  type ContentRegistryLimits,
  DEFAULT_CONTENT_LIMITS,
  type ExportWatermark,
} from './content-registry.js';
export { encodedForms } from './known-secrets.js';
export { RedactingLogRecordExporter } from './log-exporter.js';
export { RedactingLogRecordProcessor } from './log-processor.js';
export { ENGINE_RULES, marker, TRUNCATION_MARKER } from './markers.js';
export {
  type AllowedShape,
  defaultPolicy,
  extendPolicy,
  type PolicyChanges,
  type RedactionLimits,
  type RedactionPolicy,
} from './policy.js';
export {
  createPseudonymiser,
  type Pseudonymiser,
  type PseudonymiserOptions,
  type PseudonymKind,
} from './pseudonymiser.js';
export { createRedactor, type Redactor } from './redactor.js';
export { DEFAULT_PHONE_REGIONS, phoneNumberRules } from './rules/phone-number.js';
export { defaultSensitiveKeys, normaliseKey } from './sensitive-keys.js';
export { PERSONAL_FIELD_RULE } from './shape-matcher.js';
export type { ShapeRule } from './shape-rules.js';
export { RedactingSpanExporter } from './span-exporter.js';
export { RedactingSpanProcessor } from './span-processor.js';
export { MASKED_COUNT, MASKED_RULES, RedactionTally } from './tally.js';
export { defaultSensitiveQueryParams } from './url-query.js';
export { defaultValueRules, type ValueRule } from './value-rules.js';
