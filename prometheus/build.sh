#!/usr/bin/env bash
# Builds Prometheus and promtool from the upstream Go module, at the release docker-compose.yml pins
# (image prom/prometheus:vX.Y.Z ↔ module github.com/prometheus/prometheus v0.XYY.Z), with the
# machine's Go, into prometheus/.build/. Cached: rebuilds only when the pinned release changes.
# Without Go it prints one line and succeeds (the Prometheus end-to-end tests then skip), unless
# TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 (CI), where a missing build is a failure.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
compose="$here/../docker-compose.yml"
out="$here/.build"
stamp="$out/release"

# shellcheck source=../scripts/go-or-skip.sh
. "$here/../scripts/go-or-skip.sh"
go_or_skip prometheus:build "Prometheus"

image="$(grep -Eo 'prom/prometheus:v[0-9]+\.[0-9]+\.[0-9]+' "$compose" | head -n 1)"
if [ -z "$image" ]; then
  echo "prometheus:build: cannot find the prom/prometheus image pin in $compose" >&2
  exit 1
fi
release="${image#prom/prometheus:v}"
IFS=. read -r major minor patch <<<"$release"
module_version="$(printf 'v0.%d%02d.%d' "$major" "$minor" "$patch")"

if [ -x "$out/prometheus" ] && [ -x "$out/promtool" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$module_version" ]; then
  echo "prometheus:build: up to date ($out/prometheus, $module_version)"
  exit 0
fi

echo "prometheus:build: building Prometheus $release (module $module_version; first build takes several minutes)"
rm -f "$stamp"
src="$out/src"
rm -rf "$src"
mkdir -p "$src"
cd "$src"
go mod init telegraf-otel.local/prometheus-build >/dev/null 2>&1
# Resolving the two commands (not just the module) records every dependency they build with.
go get "github.com/prometheus/prometheus/cmd/prometheus@$module_version" "github.com/prometheus/prometheus/cmd/promtool@$module_version" 2>&1 | grep -v "^go: downloading" || true
go build -o "$out/prometheus" github.com/prometheus/prometheus/cmd/prometheus
go build -o "$out/promtool" github.com/prometheus/prometheus/cmd/promtool
printf '%s' "$module_version" >"$stamp"
echo "prometheus:build: built $out/prometheus and $out/promtool"
