import { diag } from '@opentelemetry/api';
import type { TelegrafContextLike } from '../logging/telegraf-context.js';
import { audit } from './audit.js';

/** The part of a Telegraf context the access check uses (Telegraf's `Context` satisfies it). */
export interface AccessContext extends TelegrafContextLike {
  readonly from?: { readonly id: number };
  reply(text: string): Promise<unknown>;
}

export interface AccessRule<C extends AccessContext = AccessContext> {
  /** Telegram user ids allowed, or a check (a throwing check denies). */
  allow: readonly number[] | ((ctx: C) => boolean | Promise<boolean>);
  /** Audit action of the decision, `telegram.audit.<action>`. Default `privileged_command`. */
  action?: string;
  /** The answer to a denied user: fixed, it reveals nothing about who may. */
  deniedMessage?: string;
}

export const DEFAULT_DENIED_MESSAGE = 'Sorry, you are not allowed to do that.';

async function isAllowed<C extends AccessContext>(rule: AccessRule<C>, ctx: C): Promise<boolean> {
  const id = ctx.from?.id;
  if (typeof rule.allow !== 'function') return id !== undefined && rule.allow.includes(id);
  try {
    return (await rule.allow(ctx)) === true;
  } catch {
    return false; // fail closed
  }
}

/**
 * Middleware for privileged commands: `bot.command('ban', requireAccess({ allow: adminIds }), ban)`.
 * Checks the real user id, records the decision as an audit record with the pseudonymous user
 * only (`granted`, `denied`, or `failed` when the privileged handler then throws) and answers a
 * denied user with a fixed message.
 */
export function requireAccess<C extends AccessContext>(
  rule: AccessRule<C>,
): (ctx: C, next: () => Promise<void>) => Promise<void> {
  const action = rule.action ?? 'privileged_command';
  const deniedMessage = rule.deniedMessage ?? DEFAULT_DENIED_MESSAGE;
  return async (ctx, next) => {
    if (!(await isAllowed(rule, ctx))) {
      audit(ctx, action, { outcome: 'denied' });
      try {
        await ctx.reply(deniedMessage);
      } catch {
        diag.warn('telegraf-otel: could not answer a denied user');
      }
      return;
    }
    audit(ctx, action, { outcome: 'granted' });
    try {
      await next();
    } catch (error) {
      audit(ctx, action, { outcome: 'failed' });
      throw error;
    }
  };
}
