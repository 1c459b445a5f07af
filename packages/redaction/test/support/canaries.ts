import { leakedCanaries as scanFor } from '@telegraf-otel/test-utils/canary-scanner';

/** Fake but realistic secrets planted by the tests; none is real. */
export const CANARY = {
  botToken: '123456789:AAHcanaryTOKENvalue_0123456789abcdef',
  webhookSecret: 'canary-webhook-secret-7f3a9c',
  pseudonymKey: 'canary-pseudonym-key-0123456789abcdef-XYZ',
  email: 'canary.person@example.org',
  phone: '+49 170 9876543',
  card: '4111 1111 1111 1111',
} as const;

/** Each canary with the strings that identify it: a bot token's secret part alone, numbers without spaces. */
const IDENTIFYING = {
  ...CANARY,
  botToken: [CANARY.botToken, CANARY.botToken.split(':')[1] as string],
  phone: [CANARY.phone, CANARY.phone.replaceAll(' ', '')],
  card: [CANARY.card, CANARY.card.replaceAll(' ', '')],
};

/** Names of the canaries found in `bytes` (an OTLP payload, protobuf or JSON, or any text), in any encoding. */
export function leakedCanaries(bytes: Uint8Array | string): string[] {
  return scanFor(IDENTIFYING, bytes);
}
