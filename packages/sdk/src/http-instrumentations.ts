import type { Attributes } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';

type Scrub = (value: string) => string;

/** Only the attributes whose scrubbed value differs, so unaffected spans keep upstream's values. */
function scrubbed(scrub: Scrub, attributes: Record<string, string | undefined>): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    const clean = scrub(value);
    if (clean !== value) out[key] = clean;
  }
  return out;
}

/**
 * The http and undici instrumentations record `url.full` / `url.path` verbatim, and the Bot API
 * puts the token in the path (`/bot<token>/sendMessage`, `/file/bot<token>/…`) and Telegraf's
 * webhook path is derived from it. Their start-span hooks return attributes that replace the
 * recorded ones before the span starts, so the token never sits in a live span either.
 */
export function createHttpInstrumentations(
  scrub: Scrub,
  enabled: { http: boolean; undici: boolean },
): Instrumentation[] {
  const instrumentations: Instrumentation[] = [];
  if (enabled.http) {
    instrumentations.push(
      new HttpInstrumentation({
        startOutgoingSpanHook: (request) => {
          const host = request.host ?? request.hostname ?? 'localhost';
          const port = request.port && !String(host).includes(':') ? `:${request.port}` : '';
          return scrubbed(scrub, {
            'url.full': `${request.protocol ?? 'http:'}//${host}${port}${request.path ?? '/'}`,
          });
        },
        startIncomingSpanHook: (request) => {
          const url = new URL(request.url ?? '/', 'http://localhost');
          return scrubbed(scrub, {
            'url.path': url.pathname,
            'url.query': url.search.slice(1) || undefined,
          });
        },
      }),
    );
  }
  if (enabled.undici) {
    instrumentations.push(
      new UndiciInstrumentation({
        startSpanHook: (request) => {
          const url = new URL(request.path, request.origin);
          return scrubbed(scrub, {
            'url.full': url.href,
            'url.path': url.pathname,
            'url.query': url.search.slice(1) || undefined,
          });
        },
      }),
    );
  }
  return instrumentations;
}
