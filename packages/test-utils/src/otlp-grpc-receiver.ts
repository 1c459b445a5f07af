import { readFile } from 'node:fs/promises';
import * as grpc from '@grpc/grpc-js';
import {
  type DecodedLogRecord,
  type DecodedSpan,
  decodeLogsRequest,
  decodeTraceRequest,
} from './otlp-decode.js';

export type OtlpSignal = 'traces' | 'logs';

/** One Export call as the receiver got it: the exact (decompressed) request bytes. */
export interface ReceivedExport {
  signal: OtlpSignal;
  bytes: Buffer;
  /** Request metadata (gRPC headers), e.g. `authorization`, `grpc-encoding`. */
  metadata: Record<string, string>;
}

/**
 * - `accept`: answer every export with success.
 * - `fail`: answer with UNAVAILABLE (a collector that is up but cannot take data).
 */
export type ReceiverMode = 'accept' | 'fail';

export interface OtlpGrpcReceiverOptions {
  /** PEM file paths for the server identity; `ca` verifies client certificates. */
  tls: { ca: string; cert: string; key: string };
  /** Require and verify a client certificate (mTLS). Default true. */
  requireClientCert?: boolean;
  /** When set, every export must carry `authorization: Bearer <token>` or is refused UNAUTHENTICATED. */
  bearerToken?: string;
  mode?: ReceiverMode;
  /** Delay before answering each export (a slow collector). Default 0. */
  delayMs?: number;
}

export interface OtlpGrpcReceiver {
  /** `https://127.0.0.1:<port>` — usable as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  port: number;
  /** Accepted exports, in arrival order. */
  readonly exports: ReceivedExport[];
  /** Exports refused because of a missing or wrong bearer token. */
  readonly unauthenticated: number;
  /** Exports answered UNAVAILABLE in `fail` mode (each retry counts). */
  readonly refused: number;
  setMode(mode: ReceiverMode, delayMs?: number): void;
  /** All accepted bytes (both signals) concatenated, for raw leak scans. */
  rawBytes(): Buffer;
  spans(): DecodedSpan[];
  logRecords(): DecodedLogRecord[];
  /** Resolves once `predicate` holds for the decoded data, or rejects after `timeoutMs`. */
  waitFor(
    predicate: (data: { spans: DecodedSpan[]; logRecords: DecodedLogRecord[] }) => boolean,
    timeoutMs?: number,
  ): Promise<void>;
  close(): Promise<void>;
}

const identity = (b: Buffer): Buffer => b;
// An empty Export*ServiceResponse encodes to zero bytes.
const emptyResponse = (): Buffer => Buffer.alloc(0);

function exportMethod(service: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path: `/opentelemetry.proto.collector.${service}/Export`,
    requestStream: false,
    responseStream: false,
    requestSerialize: identity,
    requestDeserialize: identity,
    responseSerialize: emptyResponse,
    responseDeserialize: identity,
  };
}

const TRACE_SERVICE = { Export: exportMethod('trace.v1.TraceService') };
const LOGS_SERVICE = { Export: exportMethod('logs.v1.LogsService') };

function metadataRecord(metadata: grpc.Metadata): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata.getMap())) out[key] = String(value);
  return out;
}

/**
 * A local OTLP/gRPC receiver over TLS (mTLS by default) implementing TraceService/Export and
 * LogsService/Export with identity serialisation, so tests can scan the exact bytes a client
 * sent and decode them for assertions. Binds to 127.0.0.1 on a free port.
 */
export async function startOtlpGrpcReceiver(
  options: OtlpGrpcReceiverOptions,
): Promise<OtlpGrpcReceiver> {
  const [ca, cert, key] = await Promise.all([
    readFile(options.tls.ca),
    readFile(options.tls.cert),
    readFile(options.tls.key),
  ]);
  let mode: ReceiverMode = options.mode ?? 'accept';
  let delayMs = options.delayMs ?? 0;
  const exports: ReceivedExport[] = [];
  let unauthenticated = 0;
  let refused = 0;

  const handler =
    (signal: OtlpSignal): grpc.handleUnaryCall<Buffer, Buffer> =>
    (call, callback) => {
      const answer = (): void => {
        if (options.bearerToken !== undefined) {
          const auth = call.metadata.get('authorization')[0];
          if (auth !== `Bearer ${options.bearerToken}`) {
            unauthenticated++;
            callback({
              code: grpc.status.UNAUTHENTICATED,
              details: 'missing or invalid bearer token',
            });
            return;
          }
        }
        if (mode === 'fail') {
          refused++;
          callback({ code: grpc.status.UNAVAILABLE, details: 'receiver in fail mode' });
          return;
        }
        exports.push({ signal, bytes: call.request, metadata: metadataRecord(call.metadata) });
        callback(null, Buffer.alloc(0));
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    };

  const server = new grpc.Server();
  server.addService(TRACE_SERVICE, { Export: handler('traces') });
  server.addService(LOGS_SERVICE, { Export: handler('logs') });
  const credentials = grpc.ServerCredentials.createSsl(
    ca,
    [{ private_key: key, cert_chain: cert }],
    options.requireClientCert ?? true,
  );
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', credentials, (err, boundPort) =>
      err ? reject(err) : resolve(boundPort),
    );
  });

  const decoded = (): { spans: DecodedSpan[]; logRecords: DecodedLogRecord[] } => ({
    spans: exports.filter((e) => e.signal === 'traces').flatMap((e) => decodeTraceRequest(e.bytes)),
    logRecords: exports
      .filter((e) => e.signal === 'logs')
      .flatMap((e) => decodeLogsRequest(e.bytes)),
  });

  return {
    endpoint: `https://127.0.0.1:${port}`,
    port,
    exports,
    get unauthenticated() {
      return unauthenticated;
    },
    get refused() {
      return refused;
    },
    setMode(next, nextDelayMs) {
      mode = next;
      if (nextDelayMs !== undefined) delayMs = nextDelayMs;
    },
    rawBytes: () => Buffer.concat(exports.map((e) => e.bytes)),
    spans: () => decoded().spans,
    logRecords: () => decoded().logRecords,
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(decoded())) {
        if (Date.now() > deadline) {
          const { spans, logRecords } = decoded();
          throw new Error(
            `OTLP receiver: condition not met within ${timeoutMs} ms (have ${spans.length} spans: ${spans
              .map((s) => s.name)
              .join(', ')}; ${logRecords.length} log records)`,
          );
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        // Open client channels would keep tryShutdown waiting; force after a grace period.
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 500).unref();
      }),
  };
}
