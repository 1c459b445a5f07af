import { textMessage } from '@telegraf-otel/test-utils/bot-updates';
import { CARD, EMAIL, USER_ID } from './canaries.js';

/** A text message from the canary user. */
export const textUpdate = (text: string) => textMessage(text, { userId: USER_ID });

/** A text message full of personal data, and a command whose handler throws with it. */
export function canaryUpdates() {
  return [
    textUpdate(`hello, mail me at ${EMAIL}, card ${CARD}`),
    textUpdate(`/boom ${CARD} ${EMAIL}`),
  ];
}
