import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, propagation, trace } from '@opentelemetry/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTelemetry } from '../src/index.js';
import { PSEUDONYM_KEY } from './support/canaries.js';

let dir: string;
let telemetry: ReturnType<typeof startTelemetry>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'propagation-'));
  telemetry = startTelemetry({
    serviceName: 'propagation-test',
    file: join(dir, 'telemetry.jsonl'),
    pseudonymKey: PSEUDONYM_KEY,
    handleSignals: false,
  });
});

afterAll(async () => {
  await telemetry?.shutdown();
  await rm(dir, { recursive: true, force: true });
});

it('propagates trace context to outgoing requests, but never the app baggage', () => {
  const span = trace.getTracer('propagation').startSpan('outgoing');
  const withBaggage = propagation.setBaggage(
    trace.setSpan(context.active(), span),
    propagation.createBaggage({ 'user.email': { value: 'ann@example.com' } }),
  );
  const headers: Record<string, string> = {};
  propagation.inject(withBaggage, headers);
  span.end();
  expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  expect(headers.baggage).toBeUndefined();
  expect(JSON.stringify(headers)).not.toContain('ann@example.com');
});
