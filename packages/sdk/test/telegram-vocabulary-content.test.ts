import {
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_UPDATE_OUTCOME,
  ATTR_TELEGRAM_UPDATE_TYPE,
} from '@telegraf-otel/instrumentation';
import { createPseudonymiser, createRedactor, defaultPolicy } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';
import { withTelegramRedaction } from '../src/redaction/telegram-redaction-policy.js';

const pseudonymiser = createPseudonymiser({ key: 'k'.repeat(32), keyVersion: 1 });
const TRACE = '0af7651916cd43dd8448eb211c80319c';
const CONTENT = '[REDACTED:trace_content]';

/** A user whose name and message are words of the instrumentation's vocabularies. */
function redactWithContent(policyWithVocabularies: boolean, attributes: Record<string, unknown>) {
  const policy = policyWithVocabularies
    ? withTelegramRedaction(defaultPolicy, pseudonymiser.pattern)
    : defaultPolicy;
  const redactor = createRedactor(policy);
  redactor.content.remember(TRACE, ['private', 'handled', 'message', 'start']);
  return redactor.inTrace(TRACE, () => redactor.redactAttributes(attributes));
}

describe('content-aware masking and the instrumentation vocabularies', () => {
  const ours = {
    [ATTR_TELEGRAM_CHAT_TYPE]: 'private',
    [ATTR_TELEGRAM_UPDATE_OUTCOME]: 'handled',
    [ATTR_TELEGRAM_UPDATE_TYPE]: 'message',
  };

  it("keeps the chat type, outcome and update type when a user's content is one of those words", () => {
    expect(redactWithContent(true, ours)).toEqual(ours);
  });

  it('control: without the vocabularies the same values are masked as the update content', () => {
    expect(redactWithContent(false, ours)).toEqual({
      [ATTR_TELEGRAM_CHAT_TYPE]: CONTENT,
      [ATTR_TELEGRAM_UPDATE_OUTCOME]: CONTENT,
      [ATTR_TELEGRAM_UPDATE_TYPE]: CONTENT,
    });
  });

  it('still masks the content under the app’s own keys, and anything off-vocabulary under ours', () => {
    expect(
      redactWithContent(true, {
        'app.chat_kind': 'private',
        [ATTR_TELEGRAM_CHAT_TYPE]: 'private chat of message',
        [ATTR_TELEGRAM_COMMAND]: 'Start',
      }),
    ).toEqual({
      'app.chat_kind': CONTENT,
      [ATTR_TELEGRAM_CHAT_TYPE]: `${CONTENT} chat of ${CONTENT}`,
      [ATTR_TELEGRAM_COMMAND]: 'Start',
    });
  });
});

describe('content-aware masking and the instrumentation texts', () => {
  /** The update span's name and its log record's texts, in a trace whose user sent these words. */
  function redactTexts(policyWithTexts: boolean) {
    const policy = policyWithTexts
      ? withTelegramRedaction(defaultPolicy, pseudonymiser.pattern)
      : defaultPolicy;
    const redactor = createRedactor(policy);
    redactor.content.remember(TRACE, ['message', 'update handled', 'INFO']);
    return redactor.inTrace(TRACE, () =>
      ['telegram.update message', 'update handled', 'telegram.update.handled', 'INFO'].map((text) =>
        redactor.redactString(text),
      ),
    );
  }

  it("keeps the span name and the log record's texts when a user sent those words", () => {
    expect(redactTexts(true)).toEqual([
      'telegram.update message',
      'update handled',
      'telegram.update.handled',
      'INFO',
    ]);
  });

  it('control: without them the same texts are masked as the update content', () => {
    expect(redactTexts(false)).toEqual([
      `telegram.update ${CONTENT}`,
      CONTENT,
      'telegram.update.handled',
      CONTENT,
    ]);
  });
});
