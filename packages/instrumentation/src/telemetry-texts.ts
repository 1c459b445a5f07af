// The fixed texts of the instrumentation's own records: span names of updates, log messages and
// severities. Written by code, never by a user, so a redactor may pass them whole (TELEMETRY_TEXTS).
import { SeverityNumber } from '@opentelemetry/api';
import { BOT_API_METHODS } from './bot-api-methods.js';
import {
  EVENT_API_FAILED,
  EVENT_BOT_STARTED,
  EVENT_BOT_STOPPED,
  EVENT_UPDATE_FAILED,
  EVENT_UPDATE_HANDLED,
  OTHER,
} from './semconv.js';
import { KNOWN_UPDATE_TYPES } from './vocabularies.js';

export const LOG_MESSAGES = Object.freeze({
  updateHandled: 'update handled',
  updateFailed: 'update failed',
  apiCallFailed: 'Bot API call failed',
  botStarted: 'bot started',
  botStopped: 'bot stopped',
  botStoppedAfterError: 'bot stopped after an error',
});

export const SEVERITY_TEXT: Partial<Record<SeverityNumber, string>> = {
  [SeverityNumber.INFO]: 'INFO',
  [SeverityNumber.WARN]: 'WARN',
  [SeverityNumber.ERROR]: 'ERROR',
};

export const updateSpanName = (type: string): string => `telegram.update ${type}`;
export const apiSpanName = (method: string): string => `telegram.api ${method}`;

/**
 * Every whole text the instrumentation writes as a span name (of an update, or of a call of a Bot
 * API method it knows), an event name, a log message or a severity; for a redactor's `allowTexts`.
 * Not a pattern: any word fits `[A-Za-z]+`, only these exact names are fixed by code.
 */
export const TELEMETRY_TEXTS: readonly string[] = Object.freeze([
  ...[...KNOWN_UPDATE_TYPES, OTHER].map(updateSpanName),
  ...[...BOT_API_METHODS, OTHER].map(apiSpanName),
  EVENT_UPDATE_HANDLED,
  EVENT_UPDATE_FAILED,
  EVENT_API_FAILED,
  EVENT_BOT_STARTED,
  EVENT_BOT_STOPPED,
  ...Object.values(LOG_MESSAGES),
  ...(Object.values(SEVERITY_TEXT) as string[]),
]);
