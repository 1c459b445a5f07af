import { rm } from 'node:fs/promises';
import {
  type OtlpGrpcReceiver,
  startOtlpGrpcReceiver,
} from '@telegraf-otel/test-utils/otlp-grpc-receiver';
import { createDevPki } from './dev-pki.js';

/** Stands in for Tempo: an OTLP gRPC receiver with its own TLS identity, no client certificate required. */
export interface TempoStandIn {
  receiver: OtlpGrpcReceiver;
  /** What the collector's Tempo exporter needs: `host:port` and the CA of Tempo's certificate. */
  collectorOptions: { endpoint: string; caFile: string };
  close(): Promise<void>;
}

export async function startTempoStandIn(): Promise<TempoStandIn> {
  const pki = await createDevPki();
  const receiver = await startOtlpGrpcReceiver({ tls: pki.serverTls(), requireClientCert: false });
  return {
    receiver,
    collectorOptions: { endpoint: `127.0.0.1:${receiver.port}`, caFile: pki.certs.caCert },
    close: async () => {
      await receiver.close();
      await rm(pki.dir, { recursive: true, force: true });
    },
  };
}
