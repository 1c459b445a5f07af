// `npm run stack:init [-- --force] [-- --dir <path>]`: the secrets and certificates docker-compose.yml reads, created
// once. Existing files are kept (idempotent) unless --force; nothing is ever printed but names and paths.
import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { STACK_SECRETS, writeStackSecrets } from './secrets.ts';
import { writeStackPki } from './stack-pki.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    dir: { type: 'string', default: join(repoRoot, 'secrets') },
    env: { type: 'string', default: join(repoRoot, '.env') },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`usage: npm run stack:init [-- --force] [-- --dir <secrets dir>] [-- --env <.env path>]

Creates what docker-compose.yml needs, mode 0600 in a 0700 directory, keeping existing files unless --force:
  ${STACK_SECRETS.map((secret) => secret.file).join(', ')}
  pki/: a CA and the certificates of the collector, Prometheus, Grafana and the bot (mTLS)
and .env from .env.example (never overwritten). Set TELEGRAM_ALERT_BOT_TOKEN in the environment to store the
token of the bot that sends alerts; set TELEGRAM_ALERT_CHAT_ID in .env.`);
  process.exit(0);
}

const dir = resolve(values.dir);
const secrets = await writeStackSecrets(dir, { force: values.force, env: process.env });
const pki = await writeStackPki(join(dir, 'pki'), { force: values.force });

const envFile = resolve(values.env);
const envCreated = !existsSync(envFile);
if (envCreated) await copyFile(join(repoRoot, '.env.example'), envFile);

for (const line of [...secrets.report, ...pki.report]) console.log(`stack:init: ${line}`);
console.log(`stack:init: ${envCreated ? 'created' : 'kept'} ${envFile}`);
if (secrets.alertTokenMissing) {
  console.log(
    'stack:init: no TELEGRAM_ALERT_BOT_TOKEN was given: alerts cannot be sent to Telegram until you store the ' +
      `alerting bot's token in ${join(dir, 'telegram_alert_bot_token')} (no trailing newline) and set ` +
      'TELEGRAM_ALERT_CHAT_ID in .env',
  );
}
console.log(`
Start the stack:   docker compose up -d          (add --profile demo for the demo bot)
Grafana:           http://127.0.0.1:3000/  user from GRAFANA_ADMIN_USER (default bot-admin), password in ${join(dir, 'grafana_admin_password')}

Point your own bot (on this host) at the collector:
  export OTEL_EXPORTER_OTLP_ENDPOINT=https://127.0.0.1:4317
  export OTEL_EXPORTER_OTLP_CERTIFICATE=${pki.files.caCert}
  export OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE=${pki.files.botCert}
  export OTEL_EXPORTER_OTLP_CLIENT_KEY=${pki.files.botKey}
  export TELEGRAF_OTEL_BEARER_TOKEN="$(cat ${join(dir, 'otlp_ingest_token')})"
  export TELEGRAF_OTEL_PSEUDONYM_KEY="$(cat ${join(dir, 'pseudonym_key')})"`);
