# Sourced by the builds of binaries made from upstream Go modules (collector/build.sh, prometheus/build.sh):
# without Go, print one line and stop successfully (their end-to-end tests then skip), unless
# TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 (CI), where a missing build is a failure.
# Usage: go_or_skip <script name> <what it builds>
go_or_skip() {
  command -v go >/dev/null 2>&1 && return 0
  if [ "${TELEGRAF_OTEL_REQUIRE_COLLECTOR:-}" = "1" ]; then
    echo "$1: Go is not installed, but TELEGRAF_OTEL_REQUIRE_COLLECTOR=1 requires $2" >&2
    exit 1
  fi
  echo "$1: skipped, Go is not installed (install Go to build $2 and run its end-to-end tests)"
  exit 0
}
