import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ChannelCredentials,
  Client,
  type Metadata,
  type ServiceError,
  status,
} from '@grpc/grpc-js';
import type { ExportResponse, IExporterTransport } from '@opentelemetry/otlp-exporter-base';

/**
 * Codes the OTLP specification calls retryable, except RESOURCE_EXHAUSTED (only with RetryInfo)
 * and CANCELLED (what grpc-js reports when our own channel is closed at shutdown).
 */
const RETRYABLE = new Set<number>([
  status.DEADLINE_EXCEEDED,
  status.ABORTED,
  status.OUT_OF_RANGE,
  status.UNAVAILABLE,
  status.DATA_LOSS,
]);

/** First retry after about this long, then ×1.5 per attempt, capped; all within the export timeout. */
const INITIAL_RETRY_MILLIS = 500;
const MAX_RETRY_MILLIS = 2000;

/**
 * grpc-js's default reconnect backoff grows to 120 s: after a long collector outage the channel
 * would keep failing every export for up to two minutes after the collector is back. Capped at
 * 2 s (with grpc-js's ±20 % jitter), a returning collector is reached within about 2 s.
 */
const CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 250,
  'grpc.max_reconnect_backoff_ms': 2000,
};

export interface GrpcExportTransportOptions {
  /** `host:port` */
  address: string;
  /** Full method path, e.g. `/opentelemetry.proto.collector.logs.v1.LogsService/Export`. */
  method: string;
  credentials: ChannelCredentials;
  metadata: Metadata;
  gzip: boolean;
}

const identity = (bytes: Buffer): Buffer => bytes;

/**
 * The OTLP/gRPC transport of the SDK. The upstream exporter's transport neither retries gRPC
 * failures nor accepts channel options (opentelemetry-js#6231). This one retries retryable
 * failures with jittered backoff until the export timeout — so a batch that meets a restarting
 * collector is delivered instead of dropped — and reconnects fast.
 */
export class GrpcExportTransport implements IExporterTransport {
  private client: Client | undefined;

  constructor(private readonly options: GrpcExportTransportOptions) {}

  async send(data: Uint8Array, timeoutMillis: number): Promise<ExportResponse> {
    const deadline = Date.now() + timeoutMillis;
    let backoff = INITIAL_RETRY_MILLIS;
    for (;;) {
      const result = await this.call(Buffer.from(data), deadline);
      if (!(result instanceof Error)) return { status: 'success', data: result };
      const wait = backoff * (0.8 + Math.random() * 0.4);
      if (!RETRYABLE.has(result.code) || Date.now() + wait >= deadline) {
        return { status: 'failure', error: result };
      }
      // Unreferenced: a pending retry never keeps the bot's process alive.
      await sleep(wait, undefined, { ref: false });
      backoff = Math.min(backoff * 1.5, MAX_RETRY_MILLIS);
    }
  }

  shutdown(): void {
    this.client?.close();
    this.client = undefined;
  }

  private call(data: Buffer, deadline: number): Promise<Buffer | ServiceError> {
    const { address, credentials, gzip, method, metadata } = this.options;
    this.client ??= new Client(address, credentials, {
      ...CHANNEL_OPTIONS,
      // 2 = gzip in grpc-js's compression algorithm enum.
      'grpc.default_compression_algorithm': gzip ? 2 : 0,
      'grpc.primary_user_agent': 'telegraf-otel',
    });
    const client = this.client;
    return new Promise((resolve) => {
      client.makeUnaryRequest(
        method,
        identity,
        identity,
        data,
        metadata,
        { deadline },
        (error, response) => resolve(error ?? response ?? Buffer.alloc(0)),
      );
    });
  }
}
