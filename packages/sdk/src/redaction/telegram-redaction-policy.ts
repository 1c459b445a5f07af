import {
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_UPDATE_ID,
  ATTR_TELEGRAM_USER_HASH,
  ATTRIBUTE_VALUE_SHAPES,
  TELEMETRY_TEXTS,
} from '@telegraf-otel/instrumentation';
import { type AllowedShape, extendPolicy, type RedactionPolicy } from '@telegraf-otel/redaction';
import { telegramShapeRules } from './telegram-shape-rules.js';

const UPDATE_ID: AllowedShape = { type: 'integer', pattern: /^[0-9]{1,16}$/ };

/**
 * `policy` with what the generic redaction cannot know about a Telegraf bot: the instrumentation's
 * attributes pass in their exact type and shape (a pseudonym of `pseudonymPattern`, an update id,
 * the closed vocabularies of types and outcomes), so a secret written under one of them is still
 * masked, and a user named `private` does not mask the chat type; its span names, event names
 * and log messages pass whole (a user who sends "message" keeps `telegram.update message` readable);
 * and the Bot API objects an app may log whole have their personal fields replaced.
 */
export function withTelegramRedaction(
  policy: RedactionPolicy,
  pseudonymPattern: RegExp,
): RedactionPolicy {
  const pseudonym: AllowedShape = { type: 'string', pattern: pseudonymPattern };
  return extendPolicy(policy, {
    allowKeys: {
      ...ATTRIBUTE_VALUE_SHAPES,
      [ATTR_TELEGRAM_USER_HASH]: pseudonym,
      [ATTR_TELEGRAM_CHAT_HASH]: pseudonym,
      [ATTR_TELEGRAM_UPDATE_ID]: UPDATE_ID,
    },
    allowTexts: TELEMETRY_TEXTS,
    addShapeRules: telegramShapeRules,
  });
}
