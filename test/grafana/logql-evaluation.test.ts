import { describe, expect, it } from 'vitest';
import { evaluateLogQuery } from './logql-evaluation.js';

const entry = (service: string, event: string, user?: string) => ({
  labels: { service_name: service, deployment_environment_name: 'prod' },
  structuredMetadata: { event_name: event, ...(user ? { telegram_user_hash: user } : {}) },
});
const entries = [
  ...Array.from({ length: 3 }, () => entry('shop-bot', 'telegram.update.handled', 'v1:aa')),
  entry('shop-bot', 'telegram.update.failed', 'v1:aa'),
  entry('shop-bot', 'telegram.update.handled', 'v1:bb'),
  entry('shop-bot', 'telegram.api.failed', 'v1:bb'),
  entry('shop-bot', 'telegram.update.handled'),
  entry('news-bot', 'telegram.update.handled', 'v1:cc'),
];

describe('LogQL count queries evaluated over Loki-mapped entries', () => {
  it('filters by stream labels and metadata, counts, and aggregates by the grouping labels', () => {
    const busiest = evaluateLogQuery(
      'max by (service_name) (sum by (service_name, telegram_user_hash) (count_over_time({service_name=~".+"} | event_name=~"telegram[.]update[.](handled|failed)" | telegram_user_hash!="" [5m])))',
      entries,
    );
    expect(busiest).toEqual([
      { metric: { service_name: 'shop-bot' }, value: 4 },
      { metric: { service_name: 'news-bot' }, value: 1 },
    ]);
  });

  it('stream selectors see only index labels', () => {
    expect(
      evaluateLogQuery(
        'sum(count_over_time({event_name="telegram.update.handled"} [5m]))',
        entries,
      ),
    ).toEqual([]);
    expect(
      evaluateLogQuery(
        'count(count_over_time({service_name!~"shop.*"} | telegram_user_hash="v1:cc" [5m]))',
        entries,
      ),
    ).toEqual([{ metric: {}, value: 1 }]);
  });

  it('refuses what it does not implement', () => {
    expect(() => evaluateLogQuery('sum(rate({service_name="x"} [5m]))', entries)).toThrow(
      /only count_over_time/,
    );
  });
});
