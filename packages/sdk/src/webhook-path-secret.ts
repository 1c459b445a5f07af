import { createHash } from 'node:crypto';

/**
 * Telegraf's default webhook path is `/telegraf/<sha3-256(token + node version)>`: whoever knows it
 * can post forged updates, so it is as secret as the token itself.
 */
export function telegrafWebhookPathSecret(token: string): string {
  return createHash('sha3-256').update(token).update(process.version).digest('hex');
}
