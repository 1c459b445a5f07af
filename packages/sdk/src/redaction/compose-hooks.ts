import { diag } from '@opentelemetry/api';
import type { RedactionHooks, UpdateContentSink } from '@telegraf-otel/instrumentation';

/** Calls the app's own hook after ours; its failure is logged, never thrown into Telegraf. */
function alsoCall<A extends unknown[]>(
  ours: (...args: A) => void,
  theirs: ((...args: A) => void) | undefined,
  name: string,
): (...args: A) => void {
  if (!theirs) return ours;
  return (...args) => {
    ours(...args);
    try {
      theirs(...args);
    } catch {
      diag.error(`telegraf-otel: the app's ${name} hook failed`);
    }
  };
}

/**
 * The SDK's redaction hooks, with the ones the app set in `options.telegraf` called as well: an
 * app that forwards update content or webhook secrets elsewhere keeps doing so, and the SDK's
 * redactor still learns them first.
 */
export function composeRedactionHooks(
  ours: Required<Pick<RedactionHooks, 'onWebhookSecret' | 'updateContent'>> & RedactionHooks,
  theirs: Pick<RedactionHooks, 'onWebhookSecret' | 'updateContent'> = {},
): RedactionHooks {
  const sink: UpdateContentSink | undefined = theirs.updateContent;
  return {
    ...ours,
    onWebhookSecret: alsoCall(ours.onWebhookSecret, theirs.onWebhookSecret, 'onWebhookSecret'),
    updateContent: sink
      ? {
          remember: alsoCall(
            (traceId: string, values: readonly string[]) =>
              ours.updateContent.remember(traceId, values),
            (traceId, values) => sink.remember(traceId, values),
            'updateContent.remember',
          ),
          finish: alsoCall(
            (traceId: string) => ours.updateContent.finish(traceId),
            (traceId) => sink.finish(traceId),
            'updateContent.finish',
          ),
        }
      : ours.updateContent,
  };
}
