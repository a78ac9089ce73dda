#!/usr/bin/env bash
# Runs bench/PageBench.java (page latencies as a signed-in user) against a fresh Interlock server.
# Usage: bench/pages.sh [N [PageBench options...]]   e.g. bench/pages.sh 10000 --requests 1000
# Exit status: 0 all page targets passed, 2 a target missed, 1 the benchmark or the server failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly TARGET_MISSED=2 # PageBench's exit status when it ran but a target failed

# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local n=${1:-10000} port status=0
  shift || true
  ensure_jar
  port=$(free_port)
  start_server "$port"
  echo "### N=$n: server pid $server_pid on port $port, data in $data_dir"
  await_ready "$port"
  echo "### load average before: $(load_average)"
  bench_java PageBench --base-url "http://127.0.0.1:$port" --n "$n" "$@" || status=$?
  echo "### load average after:  $(load_average)"
  if ((status != 0 && status != TARGET_MISSED)); then
    report_failure "$status"
  fi
  stop_server
  return "$status"
}

main "$@"
