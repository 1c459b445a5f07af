import {
  type Attributes,
  type Context,
  context,
  createContextKey,
  diag,
  INVALID_TRACEID,
  type Logger,
  SeverityNumber,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { safeExecuteInTheMiddle } from '@opentelemetry/instrumentation';
import {
  ATTR_ERROR_TYPE,
  ATTR_EXCEPTION_MESSAGE,
  ATTR_EXCEPTION_TYPE,
} from '@opentelemetry/semantic-conventions';
import { redactionHook } from './redaction-hooks.js';
import { RegisteredCommands } from './registered-commands.js';
import { type ScrubbedException, scrubException } from './scrub-error.js';
import {
  ATTR_MESSAGING_DESTINATION_NAME,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_SYSTEM,
  ATTR_TELEGRAM_API_ERROR_CODE,
  ATTR_TELEGRAM_API_METHOD,
  ATTR_TELEGRAM_API_RETRY_AFTER,
  ATTR_TELEGRAM_BOT_MODE,
  ATTR_TELEGRAM_BOT_STOP_REASON,
  ATTR_TELEGRAM_CHAT_HASH,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_UPDATE_DURATION_MS,
  ATTR_TELEGRAM_UPDATE_ID,
  ATTR_TELEGRAM_UPDATE_OUTCOME,
  ATTR_TELEGRAM_UPDATE_TYPE,
  ATTR_TELEGRAM_USER_HASH,
  EVENT_API_FAILED,
  EVENT_BOT_STARTED,
  EVENT_BOT_STOPPED,
  EVENT_UPDATE_FAILED,
  EVENT_UPDATE_HANDLED,
  OTHER,
  UPDATE_OUTCOME_ERROR,
  UPDATE_OUTCOME_HANDLED,
  UPDATE_OUTCOME_TIMEOUT,
  type UpdateOutcome,
} from './semconv.js';
import { errorType, telegramErrorDetails } from './telegram-error.js';
import { apiSpanName, LOG_MESSAGES, SEVERITY_TEXT, updateSpanName } from './telemetry-texts.js';
import type { TelegrafTelemetryConfig } from './types.js';
import { describeUpdate } from './update-attributes.js';
import { updateContent } from './update-content.js';
import { API_METHOD } from './vocabularies.js';

/** Where the telemetry goes; read on every use so provider and config changes take effect. */
export interface TelemetrySource {
  readonly tracer: Tracer;
  readonly logger: Logger;
  readonly config: TelegrafTelemetryConfig;
}

/** Per-update state. It lives in the update's context, never on a shared object (updates run in parallel). */
interface UpdateRun {
  readonly span: Span;
  readonly attributes: Attributes;
  readonly token: string | undefined;
  readonly startedAt: number;
  /** Trace whose content was handed to the redaction hooks (to finish it at the end). */
  readonly contentTrace: string | undefined;
  context: Context;
  outcome: UpdateOutcome;
  exception: ScrubbedException | undefined;
}

const UPDATE_RUN = createContextKey('telegraf-otel update');
const IN_API_CALL = createContextKey('telegraf-otel api call');
const STOP_REASON = /^[A-Za-z0-9_.-]{1,32}$/;
const DEFAULT_IGNORED_METHODS = ['getUpdates'];

/**
 * A webhook path part that nobody guesses: random-looking (12+ characters with digits and letters,
 * as generated secrets are) or long (24+). Words and names are not secrets.
 */
export function looksLikeSecret(part: string): boolean {
  if (part.length >= 24) return true;
  if (part.length < 12 || !/[0-9]/.test(part)) return false;
  return /[A-Za-z]/.test(part);
}

/**
 * The one implementation of the Telegraf telemetry model (spans, attributes, log records), shared
 * by the patching instrumentation and the no-patch middleware. Nothing here may throw into the bot.
 */
export class TelegrafTelemetry {
  // Per callback, so a callback configured later (setConfig) still learns secrets seen before it.
  private readonly reported = new WeakMap<(secret: string) => void, Set<string>>();
  /** Commands learned from the bot's handlers and `setMyCommands` (configured ones are added on use). */
  readonly commands = new RegisteredCommands();

  constructor(private readonly source: TelemetrySource) {}

  /** Reports a bot token once to `onBotToken` (so it is a known secret before anything is exported). */
  noteToken(token: unknown): string | undefined {
    if (typeof token !== 'string' || token.trim() === '') return undefined;
    const onBotToken = redactionHook(this.source.config, 'onBotToken');
    if (onBotToken) this.reportOnce('onBotToken', onBotToken, token);
    return token;
  }

  /** Reports a webhook's secret path and secret token once to `onWebhookSecret`. */
  noteWebhook(path: unknown, secretToken: unknown): void {
    const onWebhookSecret = redactionHook(this.source.config, 'onWebhookSecret');
    if (!onWebhookSecret) return;
    // A path is secret when a part of it is (whoever knows it can post updates); a readable path
    // such as `/telegram` is not, and registering its words would mask them in every record.
    if (typeof path === 'string') {
      const secretParts = path.split(/[/?&=#]/).filter(looksLikeSecret);
      if (secretParts.length > 0) this.reportOnce('onWebhookSecret', onWebhookSecret, path);
      // A secret segment or query value also travels on its own (`url.path`, `url.query`).
      for (const part of secretParts) this.reportOnce('onWebhookSecret', onWebhookSecret, part);
    }
    if (typeof secretToken === 'string' && secretToken !== '') {
      this.reportOnce('onWebhookSecret', onWebhookSecret, secretToken);
    }
  }

  private reportOnce(name: string, callback: (secret: string) => void, secret: string): void {
    let reported = this.reported.get(callback);
    if (!reported) {
      reported = new Set();
      this.reported.set(callback, reported);
    }
    if (reported.has(secret)) return;
    reported.add(secret);
    safeExecuteInTheMiddle(
      () => callback(secret),
      (error) => error && diag.error(`telegraf-otel: ${name} failed`),
      true,
    );
  }

  /** Whether `command` is one the bot registered (configured, handled or published). */
  private isRegisteredCommand = (command: string): boolean =>
    this.commands.has(command) ||
    (this.source.config.commands ?? []).some(
      (configured) => configured.replace(/^\//, '').toLowerCase() === command.toLowerCase(),
    );

  /** True inside an update traced by this package (patched or middleware). */
  isTracingUpdate(): boolean {
    return context.active().getValue(UPDATE_RUN) !== undefined;
  }

  /** Runs `fn` as the handling of `update`: one CONSUMER span and one closing log record. */
  async traceUpdate<R>(
    update: unknown,
    token: string | undefined,
    fn: (...args: unknown[]) => Promise<R>,
    thisArg: unknown,
    args: unknown[],
  ): Promise<R> {
    const run = this.startUpdate(update, token);
    if (!run) return fn.apply(thisArg, args);
    try {
      return await context.with(run.context, fn, thisArg, ...args);
    } catch (error) {
      this.failUpdate(run, error);
      throw error;
    } finally {
      this.endUpdate(run);
    }
  }

  /** Records a handler error on the active update, also when `bot.catch()` swallows it afterwards. */
  recordHandlerError(error: unknown): void {
    const run = context.active().getValue(UPDATE_RUN) as UpdateRun | undefined;
    if (run) this.failUpdate(run, error);
  }

  /** Runs `fn` as a Bot API call: a CLIENT span, child of the active (update) span. */
  async traceApiCall<R>(
    method: unknown,
    token: string | undefined,
    fn: (...args: unknown[]) => Promise<R>,
    thisArg: unknown,
    args: unknown[],
  ): Promise<R> {
    const active = context.active();
    // A nested call is the same API call seen through a second wrapper (patched prototype + instance).
    if (active.getValue(IN_API_CALL) !== undefined || this.isIgnored(method)) {
      return fn.apply(thisArg, args);
    }
    let span: Span;
    let callContext: Context;
    const name = typeof method === 'string' && API_METHOD.test(method) ? method : OTHER;
    if (name === 'setMyCommands') this.commands.learnFromSetMyCommands(args[1]);
    try {
      span = this.source.tracer.startSpan(
        apiSpanName(name),
        { kind: SpanKind.CLIENT, attributes: { [ATTR_TELEGRAM_API_METHOD]: name } },
        active,
      );
      const { apiCallHook } = this.source.config;
      if (apiCallHook) this.runHook('apiCallHook', apiCallHook, span, { method: name });
      callContext = trace.setSpan(active, span).setValue(IN_API_CALL, true);
    } catch {
      diag.error('telegraf-otel: could not start a Bot API span');
      return fn.apply(thisArg, args);
    }
    try {
      return await context.with(callContext, fn, thisArg, ...args);
    } catch (error) {
      this.failApiCall(span, callContext, name, error, token);
      throw error;
    } finally {
      span.end();
    }
  }

  botStarted(mode: 'polling' | 'webhook'): void {
    this.emit(EVENT_BOT_STARTED, SeverityNumber.INFO, LOG_MESSAGES.botStarted, {
      [ATTR_TELEGRAM_BOT_MODE]: mode,
    });
  }

  botStopped(reason: unknown, error?: unknown, token?: string): void {
    const attributes: Attributes = {};
    if (reason !== undefined) {
      attributes[ATTR_TELEGRAM_BOT_STOP_REASON] =
        typeof reason === 'string' && STOP_REASON.test(reason) ? reason : OTHER;
    }
    if (error === undefined) {
      this.emit(EVENT_BOT_STOPPED, SeverityNumber.INFO, LOG_MESSAGES.botStopped, attributes);
      return;
    }
    const details = telegramErrorDetails(error);
    attributes[ATTR_ERROR_TYPE] = errorType(error, details.errorCode);
    addException(attributes, scrubException(error, token));
    this.emit(
      EVENT_BOT_STOPPED,
      SeverityNumber.ERROR,
      LOG_MESSAGES.botStoppedAfterError,
      attributes,
    );
  }

  private startUpdate(update: unknown, token: string | undefined): UpdateRun | undefined {
    try {
      const { type, id, attributes } = describeUpdate(
        update,
        this.source.config.pseudonymise,
        this.isRegisteredCommand,
      );
      const parent = context.active();
      const span = this.source.tracer.startSpan(
        updateSpanName(type),
        { kind: SpanKind.CONSUMER, attributes },
        parent,
      );
      // Before any handler (or the update hook) runs: whatever they write is masked.
      const contentTrace = this.rememberContent(span, update);
      const { updateHook } = this.source.config;
      if (updateHook)
        this.runHook('updateHook', updateHook, span, { updateType: type, updateId: id });
      const run: UpdateRun = {
        span,
        attributes,
        token,
        startedAt: performance.now(),
        contentTrace,
        context: parent,
        outcome: UPDATE_OUTCOME_HANDLED,
        exception: undefined,
      };
      run.context = trace.setSpan(parent, span).setValue(UPDATE_RUN, run);
      return run;
    } catch {
      diag.error('telegraf-otel: could not start an update span');
      return undefined;
    }
  }

  private rememberContent(span: Span, update: unknown): string | undefined {
    const sink = redactionHook(this.source.config, 'updateContent');
    if (!sink) return undefined;
    const spanContext = span.spanContext();
    // A span that is not part of a trace (no tracer provider) has nothing to mask for.
    if (spanContext.traceId === INVALID_TRACEID) return undefined;
    const values = updateContent(update);
    if (values.length === 0) return undefined;
    try {
      sink.remember(spanContext.traceId, values);
      return spanContext.traceId;
    } catch (error) {
      if (error) diag.error('telegraf-otel: updateContent.remember failed');
      return undefined;
    }
  }

  private finishContent(run: UpdateRun): void {
    const traceId = run.contentTrace;
    if (traceId === undefined) return;
    const sink = redactionHook(this.source.config, 'updateContent');
    if (!sink) return;
    try {
      sink.finish(traceId);
    } catch (error) {
      if (error) diag.error('telegraf-otel: updateContent.finish failed');
    }
  }

  private failUpdate(run: UpdateRun, error: unknown): void {
    if (run.exception) return; // the first error wins (the default handler rethrows the same one)
    try {
      const exception = scrubException(error, run.token);
      run.exception = exception;
      run.outcome =
        exception.name === 'TimeoutError' ? UPDATE_OUTCOME_TIMEOUT : UPDATE_OUTCOME_ERROR;
      run.attributes[ATTR_ERROR_TYPE] = errorType(error, telegramErrorDetails(error).errorCode);
      run.span.recordException(exception);
      run.span.setAttribute(ATTR_ERROR_TYPE, run.attributes[ATTR_ERROR_TYPE] as string);
      run.span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
    } catch {
      diag.error('telegraf-otel: could not record an update error');
    }
  }

  private endUpdate(run: UpdateRun): void {
    try {
      const { span, attributes, outcome } = run;
      const duration = performance.now() - run.startedAt;
      span.setAttribute(ATTR_TELEGRAM_UPDATE_OUTCOME, outcome);
      span.setAttribute(ATTR_TELEGRAM_UPDATE_DURATION_MS, duration);
      span.end();
      if (this.source.config.emitLogs === false) {
        this.finishContent(run);
        return;
      }
      const record = logAttributes(attributes);
      record[ATTR_TELEGRAM_UPDATE_OUTCOME] = outcome;
      record[ATTR_TELEGRAM_UPDATE_DURATION_MS] = duration;
      if (run.exception) {
        addException(record, run.exception);
        this.emit(
          EVENT_UPDATE_FAILED,
          SeverityNumber.ERROR,
          LOG_MESSAGES.updateFailed,
          record,
          run.context,
        );
      } else {
        this.emit(
          EVENT_UPDATE_HANDLED,
          SeverityNumber.INFO,
          LOG_MESSAGES.updateHandled,
          record,
          run.context,
        );
      }
      this.finishContent(run);
    } catch {
      diag.error('telegraf-otel: could not end an update span');
    }
  }

  private failApiCall(
    span: Span,
    callContext: Context,
    method: string,
    error: unknown,
    token: string | undefined,
  ): void {
    try {
      const { errorCode, retryAfter } = telegramErrorDetails(error);
      const attributes: Attributes = {
        [ATTR_TELEGRAM_API_METHOD]: method,
        [ATTR_ERROR_TYPE]: errorType(error, errorCode),
      };
      if (errorCode !== undefined) attributes[ATTR_TELEGRAM_API_ERROR_CODE] = errorCode;
      if (retryAfter !== undefined) attributes[ATTR_TELEGRAM_API_RETRY_AFTER] = retryAfter;
      const exception = scrubException(error, token);
      span.setAttributes(attributes);
      span.recordException(exception);
      span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
      // 4xx (incl. 429) are the bot's or the user's doing; network failures and 5xx are outages.
      const isClientError = errorCode !== undefined && errorCode >= 400 && errorCode < 500;
      addException(attributes, exception);
      this.emit(
        EVENT_API_FAILED,
        isClientError ? SeverityNumber.WARN : SeverityNumber.ERROR,
        LOG_MESSAGES.apiCallFailed,
        attributes,
        callContext,
      );
    } catch {
      diag.error('telegraf-otel: could not record a Bot API error');
    }
  }

  private isIgnored(method: unknown): boolean {
    const ignored = this.source.config.ignoreApiMethods ?? DEFAULT_IGNORED_METHODS;
    return typeof method === 'string' && ignored.includes(method);
  }

  /** Runs a configured span hook; the caller checks it is set first (no closures otherwise). */
  private runHook<I>(
    key: 'updateHook' | 'apiCallHook',
    hook: (span: Span, info: I) => void,
    span: Span,
    info: I,
  ): void {
    safeExecuteInTheMiddle(
      () => hook(span, info),
      (error) => error && diag.error(`telegraf-otel: ${key} failed`),
      true,
    );
  }

  private emit(
    eventName: string,
    severityNumber: SeverityNumber,
    body: string,
    attributes: Attributes,
    logContext: Context = context.active(),
  ): void {
    if (this.source.config.emitLogs === false) return;
    try {
      this.source.logger.emit({
        eventName,
        severityNumber,
        severityText: SEVERITY_TEXT[severityNumber],
        body,
        attributes,
        context: logContext,
      });
    } catch {
      diag.error('telegraf-otel: could not emit a log record');
    }
  }
}

function addException(attributes: Attributes, exception: ScrubbedException): void {
  attributes[ATTR_EXCEPTION_TYPE] = exception.name;
  attributes[ATTR_EXCEPTION_MESSAGE] = exception.message;
}

// Semantic conventions for message processing describe the span; the log record would only repeat them.
const SPAN_ONLY = new Set<string>([
  ATTR_MESSAGING_SYSTEM,
  ATTR_MESSAGING_OPERATION_TYPE,
  ATTR_MESSAGING_DESTINATION_NAME,
]);

/** The update span's attributes that its closing log record carries. */
function logAttributes(spanAttributes: Attributes): Attributes {
  const record: Attributes = {};
  for (const key in spanAttributes) {
    if (!SPAN_ONLY.has(key)) record[key] = spanAttributes[key];
  }
  return record;
}

const UPDATE_IDENTITY = [
  ATTR_TELEGRAM_UPDATE_ID,
  ATTR_TELEGRAM_UPDATE_TYPE,
  ATTR_TELEGRAM_CHAT_TYPE,
  ATTR_TELEGRAM_COMMAND,
  ATTR_TELEGRAM_USER_HASH,
  ATTR_TELEGRAM_CHAT_HASH,
] as const;

/**
 * The content-free identity of the update handled in the active context (type, command,
 * pseudonymous user and chat, …), for the app's own log and audit records; undefined outside one.
 */
export function activeUpdateAttributes(): Attributes | undefined {
  const run = context.active().getValue(UPDATE_RUN) as UpdateRun | undefined;
  if (!run) return undefined;
  const identity: Attributes = {};
  for (const key of UPDATE_IDENTITY) {
    if (run.attributes[key] !== undefined) identity[key] = run.attributes[key];
  }
  return identity;
}
