#!/usr/bin/env bash
# Builds the test distribution of the OpenTelemetry Collector described by collector/manifest.yaml
# with the machine's Go, into collector/.build/. Cached: rebuilds only when the manifest changes.
# Without Go it prints one line and succeeds (the end-to-end tests then skip), unless
# TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 (CI), where a missing collector is a failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
manifest="$here/manifest.yaml"
out="$here/.build"
binary="$out/otelcol-telegraf-otel"
stamp="$out/manifest.sha256"

# shellcheck source=../scripts/go-or-skip.sh
. "$here/../scripts/go-or-skip.sh"
go_or_skip collector:build "the collector"

hash="$(sha256sum "$manifest" | cut -d' ' -f1)"
if [ -x "$binary" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  echo "collector:build: up to date ($binary)"
  exit 0
fi

# The builder release matches the core component release the manifest pins.
version="$(awk '$3 == "go.opentelemetry.io/collector/receiver/otlpreceiver" { print $4 }' "$manifest")"
if [ -z "$version" ]; then
  echo "collector:build: cannot read the collector release from $manifest" >&2
  exit 1
fi

echo "collector:build: building $binary with builder $version (first build takes several minutes)"
rm -f "$stamp"
cd "$here"
go run "go.opentelemetry.io/collector/cmd/builder@$version" --config "$manifest"
printf '%s' "$hash" >"$stamp"
echo "collector:build: built $binary"
