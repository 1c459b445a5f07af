import { leakedCanaries } from './canary-scanner.js';

/** Planted secrets and personal data that must never reach Loki or Tempo. */
export const CANARIES = {
  botToken: '123456789:AAHx7Qk2mZp9Lw4Rt8Vy1Nb6Jc3Hd5Fg0Se',
  card: '4111 1111 1111 1111',
  email: 'canary.leak@example.com',
  phone: '+44 7700 900123',
} as const;

/** Each canary with the fragments that would still identify it. */
const IDENTIFYING = {
  botToken: [CANARIES.botToken, CANARIES.botToken.split(':')[1] as string],
  card: [CANARIES.card, CANARIES.card.replaceAll(' ', '')],
  email: [CANARIES.email, CANARIES.email.split('@')[0] as string],
  phone: [CANARIES.phone, CANARIES.phone.replaceAll(' ', '')],
};

/** The names of the canaries found in the given bytes, in any encoding (empty when clean). */
export function findCanaries(...chunks: (Uint8Array | string)[]): string[] {
  return leakedCanaries(IDENTIFYING, ...chunks);
}
