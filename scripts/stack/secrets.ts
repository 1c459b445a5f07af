import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A secret file of the stack: its name under the secrets directory and how its value is made. */
export interface StackSecret {
  file: string;
  /** What it is for, printed by --help and the README. */
  purpose: string;
  /** Random bytes of a generated value (base64url, no padding); absent: taken from `fromEnv`. */
  randomBytes?: number;
  /** Environment variable that supplies the value instead (e.g. a token issued by someone else). */
  fromEnv?: string;
}

export const STACK_SECRETS: readonly StackSecret[] = [
  { file: 'grafana_admin_password', purpose: "Grafana's admin password", randomBytes: 24 },
  { file: 'grafana_secret_key', purpose: "Grafana's key for stored secrets", randomBytes: 32 },
  {
    file: 'otlp_ingest_token',
    purpose: 'bearer token bots present to the collector',
    randomBytes: 32,
  },
  { file: 'pseudonym_key', purpose: 'HMAC key of user/chat pseudonyms', randomBytes: 48 },
  { file: 'audit_chain_key', purpose: 'HMAC key of the audit hash chain', randomBytes: 32 },
  {
    file: 'alert_webhook_token',
    purpose: "bearer token of Grafana's alert webhook",
    randomBytes: 32,
  },
  {
    file: 'telegram_alert_bot_token',
    purpose: 'token of the Telegram bot that sends alerts',
    fromEnv: 'TELEGRAM_ALERT_BOT_TOKEN',
  },
];

/** Stored when no alerting bot token was given: Grafana needs a value, Telegram will refuse this one. */
export const ALERT_TOKEN_PLACEHOLDER = 'not-configured';

export interface SecretsResult {
  report: string[];
  alertTokenMissing: boolean;
}

/**
 * Creates `dir` (0700, refusing a symbolic link or a non-directory) and every secret file in it
 * (0600, written without a trailing newline: the collector's token file compares whole lines).
 * Existing files are kept unless `force`.
 */
export async function writeStackSecrets(
  dir: string,
  options: { force: boolean; env: NodeJS.ProcessEnv },
): Promise<SecretsResult> {
  await ensurePrivateDirectory(dir);
  const report: string[] = [];
  let alertTokenMissing = false;
  for (const secret of STACK_SECRETS) {
    const path = join(dir, secret.file);
    const exists = await isFile(path);
    const supplied = secret.fromEnv ? options.env[secret.fromEnv]?.trim() : undefined;
    // A value issued elsewhere cannot be regenerated: --force replaces it only with a supplied one.
    const keep = exists && (secret.fromEnv ? !supplied : !options.force);
    if (keep) {
      if (secret.fromEnv && (await readFile(path, 'utf8')) === ALERT_TOKEN_PLACEHOLDER)
        alertTokenMissing = true;
      report.push(`kept ${path}`);
      continue;
    }
    if (secret.fromEnv && !supplied) alertTokenMissing = true;
    const value =
      supplied ||
      (secret.randomBytes
        ? randomBytes(secret.randomBytes).toString('base64url')
        : ALERT_TOKEN_PLACEHOLDER);
    await writeFile(path, value, { mode: 0o600 });
    await chmod(path, 0o600);
    report.push(`${exists ? 'replaced' : 'created'} ${path}`);
  }
  return { report, alertTokenMissing };
}

/** A dedicated directory: created 0700; an existing one must be a real directory, then made 0700. */
export async function ensurePrivateDirectory(dir: string): Promise<void> {
  const stats = await lstat(dir).catch(() => undefined);
  if (stats && !stats.isDirectory())
    throw new Error(`${dir} exists and is not a directory (symbolic links are refused)`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

async function isFile(path: string): Promise<boolean> {
  const stats = await lstat(path).catch(() => undefined);
  if (stats && !stats.isFile()) throw new Error(`${path} exists and is not a regular file`);
  return stats !== undefined;
}
