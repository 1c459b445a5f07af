#!/bin/sh
# Reads the demo bot's credentials from the files docker-compose's init installed (never from the image or the
# compose file) into the variables the SDK reads, then runs the demo bot.
set -eu
dir=/run/telegraf-otel
TELEGRAF_OTEL_BEARER_TOKEN="$(cat "$dir/otlp_ingest_token")"
TELEGRAF_OTEL_PSEUDONYM_KEY="$(cat "$dir/pseudonym_key")"
export TELEGRAF_OTEL_BEARER_TOKEN TELEGRAF_OTEL_PSEUDONYM_KEY
if [ -s "$dir/audit_chain_key" ]; then
  TELEGRAF_OTEL_AUDIT_KEY="$(cat "$dir/audit_chain_key")"
  export TELEGRAF_OTEL_AUDIT_KEY
fi
exec "$@"
