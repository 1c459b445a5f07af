/** Planted secrets and personal data that must never reach Loki or Tempo. */
export const CANARIES = {
  botToken: '123456789:AAHx7Qk2mZp9Lw4Rt8Vy1Nb6Jc3Hd5Fg0Se',
  card: '4111 1111 1111 1111',
  email: 'canary.leak@example.com',
  phone: '+44 7700 900123',
} as const;

/** Every form a scan looks for: the canaries plus fragments that would still identify them. */
const NEEDLES = [
  ...Object.values(CANARIES),
  CANARIES.botToken.split(':')[1] as string,
  CANARIES.card.replaceAll(' ', ''),
  CANARIES.email.split('@')[0] as string,
  CANARIES.phone.replaceAll(' ', ''),
];

/** The canary forms found in the given bytes (empty when clean). */
export function findCanaries(...chunks: (Uint8Array | string)[]): string[] {
  const haystack = chunks.map((chunk) => Buffer.from(chunk).toString('latin1')).join('\n');
  return NEEDLES.filter((needle) => haystack.includes(needle));
}
