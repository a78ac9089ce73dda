#!/usr/bin/env bash
# Runs bench/TaskOrderBench.java against a fresh Interlock server: CDEvents task runs before and after their pipeline
# run, events/s of each order and whether every run got its tasks.
# Usage: bench/task-order.sh [RUNS]   (default 400 pipeline runs of six events per order)
# Exits non-zero if the benchmark fails or a run misses its tasks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local runs=${1:-400}
  ensure_jar
  local port
  port=$(free_port)
  start_server "$port"
  await_ready "$port"
  echo "### server pid $server_pid on port $port, data in $data_dir; load average $(load_average)"
  local status=0
  bench_java TaskOrderBench --base-url "http://127.0.0.1:$port" --runs "$runs" || status=$?
  echo "### load average after: $(load_average)"
  return "$status"
}

main "$@"
