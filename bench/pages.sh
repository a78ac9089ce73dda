#!/usr/bin/env bash
# Runs bench/PageBench.java (page latencies as a signed-in user) against a fresh Interlock server.
# Usage: bench/pages.sh [N [PageBench options...]]   e.g. bench/pages.sh 10000 --requests 1000
# Exit status: 0 all page targets passed, 2 a target missed, 1 the benchmark or the server failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=target/quarkus-app/quarkus-run.jar
readonly READY_TIMEOUT_SECONDS=180
readonly TARGET_MISSED=2 # PageBench's exit status when it ran but a target failed

# shellcheck source=bench/lib.sh
source bench/lib.sh

# Starts the server on port $1 with an empty database in a fresh temp dir; sets server_pid and data_dir.
start_server() {
  local port=$1
  data_dir=$(mktemp -d -t interlock-pages.XXXXXX)
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

# Tells why the benchmark failed with status $1: whether the server is still up, and its log's end.
report_failure() {
  local status=$1 server_status=0
  echo "### benchmark failed (exit $status)" >&2
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" || server_status=$?
    echo "### the server process had exited (status $server_status; 143 = SIGTERM, 137 = SIGKILL)" >&2
    server_pid=""
  fi
  echo "### last server log lines:" >&2
  tail -n 40 "$data_dir/server.log" >&2
}

main() {
  local n=${1:-10000} port status=0
  shift || true
  if [[ ! -f "$JAR" ]]; then
    ./mvnw -q -B package -DskipTests
  fi
  port=$(free_port)
  start_server "$port"
  echo "### N=$n: server pid $server_pid on port $port, data in $data_dir"
  await_ready "$port"
  echo "### load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  java bench/PageBench.java --base-url "http://127.0.0.1:$port" --n "$n" "$@" || status=$?
  echo "### load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  if ((status != 0 && status != TARGET_MISSED)); then
    report_failure "$status"
  fi
  stop_server
  return "$status"
}

main "$@"
