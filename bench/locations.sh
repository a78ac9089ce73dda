#!/usr/bin/env bash
# Runs bench/LocationBench.java against a fresh Interlock server for each N given (default 1000 locations of
# 10 entities each, served by the benchmark's own HTTP file server on 127.0.0.1).
# Usage: bench/locations.sh [N...]     e.g. bench/locations.sh 100 1000
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

bench_one() {
  local n=$1 port status=0
  port=$(free_port)
  # Scheduled refresh far away: the benchmark starts the rounds itself. Private addresses: its file server.
  start_server "$port" INTERLOCK_LOCATIONS_ALLOW_PRIVATE_ADDRESSES=true INTERLOCK_LOCATIONS_REFRESH_INTERVAL=PT1H
  if ! await_ready "$port"; then
    stop_server
    return 1
  fi
  echo "### N=$n locations: server pid $server_pid on port $port; load average $(load_average)"
  bench_java LocationBench --base-url "http://127.0.0.1:$port" --n "$n" || status=$?
  if ((status == 1)); then
    report_failure "$status" "N=$n: "
  fi
  stop_server
  return "$status"
}

main() {
  ensure_jar
  local failed=0 n
  for n in "${@:-1000}"; do
    bench_one "$n" || failed=1
  done
  return "$failed"
}

main "$@"
