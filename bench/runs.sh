#!/usr/bin/env bash
# Runs bench/RunsBench.java against a fresh Interlock server.
# Usage: bench/runs.sh [small|full]   small: 500 pipelines, 20,000 events; full: 10,000 pipelines, 1,000,000 events
#        bench/runs.sh custom <pipelines> <events> <single> <requests>
# Exits non-zero if the benchmark fails or misses a target.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local size=${1:-small} args
  case "$size" in
    small) args=(--pipelines 500 --events 20000 --single 2000 --requests 300) ;;
    full) args=(--pipelines 10000 --events 1000000 --single 20000 --requests 1000) ;;
    custom) args=(--pipelines "$2" --events "$3" --single "$4" --requests "$5") ;;
    *) echo "usage: bench/runs.sh [small|full|custom P E S R]" >&2; return 1 ;;
  esac
  ensure_jar
  local port
  port=$(free_port)
  start_server "$port"
  await_ready "$port"
  echo "### server pid $server_pid on port $port, data in $data_dir; load average $(load_average)"
  local status=0
  bench_java RunsBench --base-url "http://127.0.0.1:$port" --server-pid "$server_pid" "${args[@]}" || status=$?
  echo "### load average after: $(load_average); data on disk: $(du -sh "$data_dir" | cut -f1)"
  if ((status != 0)); then
    mkdir -p target && cp "$data_dir/server.log" target/runs-bench-server.log
    echo "### server log kept in target/runs-bench-server.log" >&2
  fi
  return "$status"
}

main "$@"
