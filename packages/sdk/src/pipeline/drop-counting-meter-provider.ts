import {
  type Attributes,
  type Counter,
  createNoopMeter,
  type Meter,
  type MeterProvider,
} from '@opentelemetry/api';
import type { DropReporter, TelemetrySignal } from './drop-reporter.js';

/**
 * The batch processors already count every record they drop (queue full) or fail to export, as
 * their self-observability counter `otel.sdk.processor.*.processed` with an `error.type`
 * attribute. This meter provider turns exactly those increments into {@link DropReporter}
 * records; every other instrument is a no-op.
 */
export function dropCountingMeterProvider(
  reporter: DropReporter,
  signal: TelemetrySignal,
): MeterProvider {
  const counter: Counter = {
    add(value: number, attributes?: Attributes) {
      const errorType = attributes?.['error.type'];
      if (errorType !== undefined && value > 0) reporter.record(signal, value, String(errorType));
    },
  };
  const meter: Meter = Object.create(createNoopMeter(), {
    createCounter: { value: () => counter },
  });
  return { getMeter: () => meter };
}
