import type { MetricsStack } from '../support/metrics-stack.js';
import { createPrometheusClient } from '../support/prometheus.js';
import type { Sample } from './alert-evaluation.js';

/**
 * Instant queries at a chosen evaluation time, over mTLS with Grafana's client certificate (as
 * the provisioned datasource queries). A time ahead of now shows what a rule would see after that
 * much silence: no sample arrives in between.
 */
export function prometheusAt(stack: MetricsStack): (promql: string, at: Date) => Promise<Sample[]> {
  const grafana = stack.pki.leaves.grafana;
  if (!grafana) throw new Error('the stack PKI has no grafana certificate');
  const client = createPrometheusClient(stack.prometheus.url, {
    ca: stack.pki.caCert,
    clientCert: grafana.cert,
    clientKey: grafana.key,
  });
  return async (promql, at) => {
    const params = new URLSearchParams({ query: promql, time: String(at.getTime() / 1000) });
    const body = await client.getJson(`/api/v1/query?${params}`);
    const data = body.data as { resultType: string; result: unknown };
    if (data.resultType === 'scalar') {
      const [, value] = data.result as [number, string];
      return [{ metric: {}, value: Number(value) }];
    }
    return (data.result as { metric: Record<string, string>; value: [number, string] }[]).map(
      (item) => ({ metric: item.metric, value: Number(item.value[1]) }),
    );
  };
}
