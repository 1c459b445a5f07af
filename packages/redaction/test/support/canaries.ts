import { encodedForms } from '@telegraf-otel/redaction';
import { secretValues } from '../../src/known-secrets.js';

/** Fake but realistic secrets planted by the tests; none is real. */
export const CANARY = {
  botToken: '123456789:AAHcanaryTOKENvalue_0123456789abcdef',
  webhookSecret: 'canary-webhook-secret-7f3a9c',
  pseudonymKey: 'canary-pseudonym-key-0123456789abcdef-XYZ',
  email: 'canary.person@example.org',
  phone: '+49 170 9876543',
  card: '4111 1111 1111 1111',
} as const;

/** Every rendering of each canary that must never appear in exported bytes (a bot token's secret part alone too). */
export function forbiddenForms(): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const [name, value] of Object.entries(CANARY)) {
    const variants = new Set([
      ...secretValues(value).flatMap(encodedForms),
      value.replace(/ /g, ''),
    ]);
    forms.set(name, [...variants]);
  }
  return forms;
}

/** Names of the canaries found in `bytes` (UTF-8 text of an OTLP payload, protobuf or JSON). */
export function leakedCanaries(bytes: Uint8Array | string): string[] {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('latin1');
  const utf8 = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  const leaked: string[] = [];
  for (const [name, variants] of forbiddenForms()) {
    if (variants.some((v) => text.includes(v) || utf8.includes(v))) leaked.push(name);
  }
  return leaked;
}
