#!/usr/bin/env bash
# Runs bench/CatalogBench.java against a fresh Interlock server for each N given (default 10000).
# Usage: bench/run.sh [N...]     e.g. bench/run.sh 10000 100000
# Exits non-zero if any benchmark fails or misses a target; every N is still run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=target/quarkus-app/quarkus-run.jar
readonly READY_TIMEOUT_SECONDS=180
readonly TARGET_MISSED=2 # CatalogBench's exit status when it ran but a target failed

# shellcheck source=bench/lib.sh
source bench/lib.sh

# Starts the server on port $1 with an empty database in a fresh temp dir; sets server_pid and data_dir.
start_server() {
  local port=$1
  data_dir=$(mktemp -d -t interlock-bench.XXXXXX)
  QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE" \
    java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
  server_pid=$!
}

# Polls the readiness endpoint on port $1 until it answers 200.
await_ready() {
  local port=$1 deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "server did not become ready; its log:" >&2
      cat "$data_dir/server.log" >&2
      return 1
    fi
    sleep 0.2
  done
}

# Tells why benchmark $1 failed with status $2: whether the server is still up, and its log's end.
report_failure() {
  local n=$1 status=$2 server_status=0
  echo "### N=$n: benchmark failed (exit $status)" >&2
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" || server_status=$?
    echo "### the server process had exited (status $server_status; 143 = SIGTERM, 137 = SIGKILL)" >&2
    server_pid=""
  fi
  echo "### last server log lines:" >&2
  tail -n 40 "$data_dir/server.log" >&2
}

# Benchmarks one N against a fresh server; returns the benchmark's exit status.
bench_one() {
  local n=$1 port status=0
  port=$(free_port)
  start_server "$port"
  echo "### N=$n: server pid $server_pid on port $port, data in $data_dir"
  if ! await_ready "$port"; then
    stop_server
    return 1
  fi
  echo "### load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java bench/CatalogBench.java --base-url "http://127.0.0.1:$port" --n "$n" --pid "$server_pid" || status=$?
  echo "### load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "### data dir size on disk: $(du -sh "$data_dir" | cut -f1)"
  if ((status != 0 && status != TARGET_MISSED)); then
    report_failure "$n" "$status"
  fi
  stop_server
  return "$status"
}

main() {
  if [[ ! -f "$JAR" ]]; then
    ./mvnw -q -B package -DskipTests
  fi
  local failed=0 n
  for n in "${@:-10000}"; do
    bench_one "$n" || failed=1
  done
  return "$failed"
}

main "$@"
