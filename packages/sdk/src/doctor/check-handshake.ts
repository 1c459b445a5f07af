import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { OtlpDestination } from '../config/resolve-config.js';
import { readTlsMaterial } from '../transport/tls-material.js';
import { error, type Finding, ok } from './finding.js';

type Fix = [RegExp, string, string];

const FIXES: Fix[] = [
  [
    /ECONNREFUSED/,
    'nothing listens on the endpoint',
    'Start the collector, or fix OTEL_EXPORTER_OTLP_ENDPOINT (host and port, usually 4317).',
  ],
  [
    /ENOTFOUND|EAI_AGAIN/,
    'the endpoint host name does not resolve',
    'Fix the host in OTEL_EXPORTER_OTLP_ENDPOINT.',
  ],
  [
    /ETIMEDOUT|timed out/,
    'the collector did not answer in time',
    'Check that the endpoint is reachable (firewall, port) and that the collector is up.',
  ],
  [
    /ERR_TLS_CERT_ALTNAME_INVALID/,
    "the collector's certificate does not name the endpoint host",
    'Use a host listed in the certificate, or reissue it with that host (`telegraf-otel certs <dir> --host <name>`).',
  ],
  [
    /CERT_HAS_EXPIRED/,
    "the collector's certificate has expired",
    'Renew the collector certificate.',
  ],
  [
    /CERTIFICATE_REQUIRED|certificate required/i,
    'the collector requires a client certificate',
    'Set OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE and OTEL_EXPORTER_OTLP_CLIENT_KEY.',
  ],
  [
    /UNKNOWN_CA|BAD_CERTIFICATE|unknown ca|bad certificate/i,
    'the collector rejected the client certificate',
    'Use a client certificate issued by the CA the collector trusts for clients (client_ca_file).',
  ],
  [
    /WRONG_VERSION_NUMBER|wrong version number/i,
    'the endpoint does not speak TLS',
    'Enable TLS on the collector receiver, or check the port.',
  ],
];

const UNTRUSTED =
  /UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_GET_ISSUER_CERT/;

/** An untrusted collector certificate means something else with and without a configured CA. */
function untrusted(destination: OtlpDestination): Fix {
  return destination.caCertificate === undefined
    ? [
        UNTRUSTED,
        "the collector's certificate is not signed by a CA in the system store (OTEL_EXPORTER_OTLP_CERTIFICATE is not set)",
        'Set OTEL_EXPORTER_OTLP_CERTIFICATE to the CA that issued the collector certificate (ca.crt).',
      ]
    : [
        UNTRUSTED,
        `the collector's certificate is not signed by the configured CA ${destination.caCertificate}`,
        'Set OTEL_EXPORTER_OTLP_CERTIFICATE to the CA that issued the collector certificate (ca.crt).',
      ];
}

/** A connection error as a finding: what `attempt` (e.g. "TLS handshake with …") ran into, and the fix. */
export function explainConnectionError(
  err: Error & { code?: string },
  destination: OtlpDestination,
  attempt: string,
): Finding {
  const text = `${err.code ?? ''} ${err.message}`;
  const match = [untrusted(destination), ...FIXES].find(([pattern]) => pattern.test(text));
  return match
    ? error(`${attempt} failed: ${match[1]} (${err.code ?? err.message})`, match[2])
    : error(
        `${attempt} failed: ${err.message}`,
        'Run the collector with debug logs to see why it closed the connection.',
      );
}

const explain = (err: Error, destination: OtlpDestination): Finding =>
  explainConnectionError(err, destination, 'TLS handshake with the collector');

/**
 * Connects like the exporter does (TLS ≥ 1.2, ALPN h2, the same files) and waits for the
 * collector's first HTTP/2 frame: in TLS 1.3 a rejected client certificate only shows up after
 * the client considers the handshake done, as an alert instead of that frame.
 */
export function checkHandshake(
  destination: OtlpDestination,
  timeoutMillis: number,
): Promise<Finding> {
  const { url } = destination;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const material = readTlsMaterial(destination);
  return new Promise((resolve) => {
    let settled = false;
    let protocol: string | null = null;
    const finish = (finding: Finding): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(finding);
    };
    const socket = connect({
      host,
      port: Number(url.port),
      servername: isIP(host) ? undefined : host,
      ...material,
      minVersion: 'TLSv1.2',
      ALPNProtocols: ['h2'],
    });
    socket.setTimeout(timeoutMillis, () =>
      finish(explain(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }), destination)),
    );
    socket.on('secureConnect', () => {
      protocol = socket.getProtocol();
    });
    socket.once('data', () =>
      finish(
        ok(
          `TLS handshake with ${url.host}: ${protocol}, collector certificate verified, client accepted`,
        ),
      ),
    );
    socket.on('error', (e) => finish(explain(e, destination)));
    const closedEarly = (): void =>
      finish(
        error(
          `the collector at ${url.host} closed the connection right after the TLS handshake: it most likely rejected the client certificate`,
          'Use a client certificate issued by the CA the collector trusts for clients (its client_ca_file); the collector log names the reason.',
        ),
      );
    socket.on('end', closedEarly);
    socket.on('close', closedEarly);
  });
}
