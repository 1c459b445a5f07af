import type { Attributes } from '@opentelemetry/api';
import { activeUpdateAttributes, describeUpdate } from '@telegraf-otel/instrumentation';
import { loggingRuntime } from './logging-runtime.js';

/** The part of a Telegraf context this package reads (Telegraf's `Context` satisfies it). */
export interface TelegrafContextLike {
  readonly update: unknown;
  readonly telegram: object;
}

/** A Telegraf context, recognised by shape (Telegraf is never imported at run time). */
export function isTelegrafContext(value: unknown): value is TelegrafContextLike {
  if (typeof value !== 'object' || value === null) return false;
  const { update, telegram } = value as Partial<TelegrafContextLike>;
  return typeof update === 'object' && update !== null && typeof telegram === 'object';
}

function updateId(update: unknown): unknown {
  return (update as { update_id?: unknown }).update_id;
}

/**
 * The content-free identity of a context's update: type, chat type, registered command and the
 * pseudonymous user and chat — never text, names or raw ids. Inside the update it is what the
 * instrumentation recorded on the update span.
 */
export function contextIdentity(ctx: TelegrafContextLike): Attributes {
  const active = activeUpdateAttributes();
  if (active && active['telegram.update.id'] === updateId(ctx.update)) return active;
  const pseudonymiser = loggingRuntime()?.pseudonymiser;
  return describeUpdate(
    ctx.update,
    pseudonymiser && ((kind, id) => pseudonymiser.pseudonymise(kind, id)),
  ).attributes;
}
