import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, inflateSync, zstdDecompressSync } from 'node:zlib';
import { type DecodedLogRecord, decodeLogsRequest } from '@telegraf-otel/test-utils/otlp-decode';
import { ExportLogsServiceRequest } from '@telegraf-otel/test-utils/otlp-schema';
import { waitFor } from '@telegraf-otel/test-utils/wait-for';

/**
 * Stands in for Loki's native OTLP endpoint (`POST /otlp/v1/logs`): accepts protobuf and JSON,
 * gzip/deflate/zstd, requires the tenant header like a multi-tenant Loki, and keeps both the
 * decoded records and the raw (decompressed) request bytes for leak scans.
 */
export interface LokiStandIn {
  /** Base URL for the collector's otlp_http exporter, e.g. http://127.0.0.1:1234/otlp. */
  endpoint: string;
  records: DecodedLogRecord[];
  /** Decompressed bodies of the accepted requests. */
  rawBodies: Buffer[];
  /** Requests refused because the X-Scope-OrgID tenant header was missing or wrong. */
  wrongTenantRequests: number;
  /** Content types of the accepted requests. */
  contentTypes: string[];
  /** Waits until at least `count` records were received. */
  waitForRecords(count: number, timeoutMs?: number): Promise<DecodedLogRecord[]>;
  /** Closes the port and drops open connections: Loki is down. */
  stop(): Promise<void>;
  /** Listens again on the same port: Loki is back. */
  start(): Promise<void>;
}

export async function startLokiStandIn(options: { tenant: string }): Promise<LokiStandIn> {
  let server: Server | undefined;
  let port = 0;

  const standIn: LokiStandIn = {
    endpoint: '',
    records: [],
    rawBodies: [],
    wrongTenantRequests: 0,
    contentTypes: [],
    waitForRecords: (count, timeoutMs) =>
      waitFor(
        `${count} records at the Loki stand-in`,
        () => standIn.records.length >= count && standIn.records,
        {
          timeoutMs,
          describe: () => `received ${standIn.records.length}`,
        },
      ),
    stop: async () => {
      const closing = server;
      server = undefined;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
    },
    start: async () => {
      if (server) return;
      server = createServer((request, response) => {
        handle(standIn, options.tenant, request, response).catch((error: unknown) => {
          response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
        });
      });
      const listening = server;
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(port, '127.0.0.1', () => resolve());
      });
      port = (listening.address() as AddressInfo).port;
      standIn.endpoint = `http://127.0.0.1:${port}/otlp`;
    },
  };
  await standIn.start();
  return standIn;
}

async function handle(
  standIn: LokiStandIn,
  tenant: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/otlp/v1/logs') {
    response.writeHead(404).end();
    return;
  }
  if (request.headers['x-scope-orgid'] !== tenant) {
    standIn.wrongTenantRequests += 1;
    // What Loki answers when auth_enabled is on and the tenant is missing.
    response.writeHead(401, { 'content-type': 'text/plain' }).end('no org id');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = decompress(Buffer.concat(chunks), request.headers['content-encoding']);
  const contentType = request.headers['content-type'] ?? '';
  const records = decodeLogsRequest(
    contentType.startsWith('application/json') ? jsonToProtobuf(body) : body,
  );
  standIn.rawBodies.push(body);
  standIn.contentTypes.push(contentType);
  standIn.records.push(...records);
  // An empty ExportLogsServiceResponse is a full success in both encodings.
  if (contentType.startsWith('application/json')) {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  } else {
    response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
  }
}

/**
 * OTLP/JSON is the protobuf message in JSON form, except that trace and span ids are hex (protobuf
 * JSON would use base64): convert the ids, then share the protobuf decoder.
 */
function jsonToProtobuf(body: Buffer): Uint8Array {
  const request = JSON.parse(body.toString('utf8')) as {
    resourceLogs?: { scopeLogs?: { logRecords?: Record<string, unknown>[] }[] }[];
  };
  for (const resourceLogs of request.resourceLogs ?? []) {
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const record of scopeLogs.logRecords ?? []) {
        for (const key of ['traceId', 'spanId']) {
          const id = record[key];
          if (typeof id === 'string') record[key] = Buffer.from(id, 'hex').toString('base64');
        }
      }
    }
  }
  return ExportLogsServiceRequest.encode(ExportLogsServiceRequest.fromObject(request)).finish();
}

function decompress(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding ?? 'identity') {
    case 'gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'zstd':
      return zstdDecompressSync(body);
    case 'identity':
      return body;
    default:
      throw new Error(`unsupported content-encoding ${encoding}`);
  }
}
