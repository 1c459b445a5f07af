import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueCertificateSet, type LeafSpec } from '@telegraf-otel/cli';
import { ensurePrivateDirectory } from './secrets.ts';

/**
 * The stack's certificates, one CA for all of them. Server names are the compose service names
 * (how the containers dial each other) plus loopback (how a bot on the host and the healthchecks
 * dial). Every key file is a compose secret that docker-compose's init installs per service.
 */
export const STACK_LEAVES: readonly LeafSpec[] = [
  {
    name: 'collector',
    commonName: 'otel-collector',
    usages: ['serverAuth'],
    hosts: ['otel-collector', 'localhost', '127.0.0.1', '::1'],
  },
  // The collector is a client of Prometheus' OTLP receiver. Client certificates that Prometheus
  // accepts carry a name (prometheus/web.yml allows only these SANs, not the bots' certificates).
  {
    name: 'collector-client',
    commonName: 'otel-collector',
    usages: ['clientAuth'],
    hosts: ['otel-collector'],
  },
  // Prometheus serves TLS, and its healthcheck presents the same certificate as a client.
  {
    name: 'prometheus',
    commonName: 'prometheus',
    usages: ['serverAuth', 'clientAuth'],
    hosts: ['prometheus', 'localhost', '127.0.0.1', '::1'],
  },
  { name: 'grafana', commonName: 'grafana', usages: ['clientAuth'], hosts: ['grafana'] },
  { name: 'bot', commonName: 'telegraf-otel-bot', usages: ['clientAuth'] },
];

const VALIDITY_DAYS = 825;
/** An existing set is renewed (with --force) when a certificate expires sooner than this. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

export interface StackPkiResult {
  report: string[];
  files: { caCert: string; botCert: string; botKey: string };
}

/** Issues the set into `dir` (0700) unless a complete, valid set is there and not `force`. */
export async function writeStackPki(
  dir: string,
  options: { force: boolean },
): Promise<StackPkiResult> {
  await ensurePrivateDirectory(dir);
  const files = {
    caCert: join(dir, 'ca.crt'),
    botCert: join(dir, 'bot.crt'),
    botKey: join(dir, 'bot.key'),
  };
  const problem = existingSetProblem(dir);
  if (problem === undefined && !options.force) {
    return { report: [`kept the certificates in ${dir}`], files };
  }
  if (problem !== undefined && problem !== 'missing' && !options.force) {
    throw new Error(
      `the certificates in ${dir} cannot be used (${problem}); run again with --force`,
    );
  }
  // The CA key stays on this host (never a compose secret), so more bots can get certificates.
  await issueCertificateSet(dir, {
    caName: 'telegraf-otel stack CA',
    leaves: STACK_LEAVES,
    validityDays: VALIDITY_DAYS,
    keepCaKey: true,
  });
  return { report: [`issued a CA and ${STACK_LEAVES.length} certificates in ${dir}`], files };
}

/** Why the set in `dir` cannot be kept: 'missing' when there is none at all, undefined when it is fine. */
function existingSetProblem(dir: string): string | undefined {
  const names = ['ca', ...STACK_LEAVES.map((leaf) => leaf.name)];
  const present = names.filter((name) => existsSync(join(dir, `${name}.crt`)));
  if (present.length === 0) return 'missing';
  if (present.length < names.length) return 'incomplete';
  const ca = new X509Certificate(readFileSync(join(dir, 'ca.crt')));
  for (const name of names) {
    const cert = new X509Certificate(readFileSync(join(dir, `${name}.crt`)));
    if (!existsSync(join(dir, `${name}.key`))) return `${name}.key is missing`;
    if (!cert.verify(ca.publicKey)) return `${name}.crt is not signed by ca.crt`;
    if (Date.parse(cert.validTo) - Date.now() < RENEW_BEFORE_MS) return `${name}.crt expires soon`;
  }
  return undefined;
}
