#!/bin/sh
# Run by docker-compose's one-shot `init` service (busybox, root, CHOWN/DAC_OVERRIDE/FOWNER only).
# Copies the compose secrets (/run/secrets/<name>) into one directory per service on the `credentials` volume, owned by
# that service's user, directory 0500 and files 0400, and gives the collector's queue volume to the collector's user.
# Idempotent: every run installs the current files again (after `npm run stack:init -- --force`, say).
set -eu

src=/run/secrets
dst=/credentials

# install <service> <uid:gid> <secret-name>:<file-name>...
install_for() {
  service=$1
  owner=$2
  shift 2
  dir="$dst/$service"
  rm -rf "$dir.new"
  mkdir -p "$dir.new"
  for pair in "$@"; do
    name=${pair%%:*}
    file=${pair#*:}
    if [ ! -s "$src/$name" ]; then
      echo "init: secret $name is missing or empty; run npm run stack:init" >&2
      exit 1
    fi
    cp "$src/$name" "$dir.new/$file"
    chmod 0400 "$dir.new/$file"
  done
  chown -R "$owner" "$dir.new"
  chmod 0500 "$dir.new"
  rm -rf "$dir"
  mv "$dir.new" "$dir"
  echo "init: installed $# files for $service"
}

install_for collector 10001:10001 \
  ca_crt:ca.crt collector_crt:collector.crt collector_key:collector.key \
  collector_client_crt:collector-client.crt collector_client_key:collector-client.key \
  otlp_ingest_token:otlp_ingest_token
install_for prometheus 65534:65534 \
  ca_crt:ca.crt prometheus_crt:prometheus.crt prometheus_key:prometheus.key
install_for grafana 472:0 \
  ca_crt:ca.crt grafana_crt:grafana.crt grafana_key:grafana.key \
  grafana_admin_password:admin_password grafana_secret_key:secret_key \
  telegram_alert_bot_token:telegram_alert_bot_token alert_webhook_token:alert_webhook_token
install_for demo-bot 1000:1000 \
  ca_crt:ca.crt bot_crt:bot.crt bot_key:bot.key otlp_ingest_token:otlp_ingest_token \
  pseudonym_key:pseudonym_key audit_chain_key:audit_chain_key

chmod 0755 "$dst"
chown 10001:10001 /queue
chmod 0700 /queue
echo "init: done"
