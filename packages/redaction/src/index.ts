export { ibanValid, luhnValid } from './checksums.js';
export { encodedForms } from './known-secrets.js';
export { RedactingLogRecordExporter } from './log-exporter.js';
export { RedactingLogRecordProcessor } from './log-processor.js';
export { ENGINE_RULES, marker, TRUNCATION_MARKER } from './markers.js';
export {
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
export { defaultSensitiveKeys, normaliseKey } from './sensitive-keys.js';
export { DEFAULT_PHONE_REGIONS, phoneNumberRules } from './rules/phone-number.js';
export { RedactingSpanExporter } from './span-exporter.js';
export { RedactingSpanProcessor } from './span-processor.js';
export { MASKED_COUNT, MASKED_RULES, RedactionTally } from './tally.js';
export { defaultValueRules, type ValueRule } from './value-rules.js';
