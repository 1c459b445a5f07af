import { connect } from 'node:net';
import type { OtlpDestination } from '../config/resolve-config.js';
import { explainConnectionError } from './check-handshake.js';
import { type Finding, ok } from './finding.js';

/** For a plaintext endpoint (no handshake to check): does anything accept a connection? */
export function checkReachable(
  destination: OtlpDestination,
  timeoutMillis: number,
): Promise<Finding> {
  const { url } = destination;
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) });
    const finish = (finding: Finding): void => {
      socket.destroy();
      resolve(finding);
    };
    const attempt = `connection to ${url.host}`;
    socket.setTimeout(timeoutMillis, () =>
      finish(
        explainConnectionError(
          Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
          destination,
          attempt,
        ),
      ),
    );
    socket.once('connect', () => finish(ok(`something listens on ${url.host} (plaintext)`)));
    socket.once('error', (e) => finish(explainConnectionError(e, destination, attempt)));
  });
}
