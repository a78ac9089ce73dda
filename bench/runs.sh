#!/usr/bin/env bash
# Runs bench/RunsBench.java against a fresh Interlock server.
# Usage: bench/runs.sh [small|full]   small: 500 pipelines, 20,000 events; full: 10,000 pipelines, 1,000,000 events
#        bench/runs.sh custom <pipelines> <events> <single> <requests>
# Exits non-zero if the benchmark fails or misses a target.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=${INTERLOCK_JAR:-target/quarkus-app/quarkus-run.jar}
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
  if [[ ! -f "$JAR" ]]; then
    ./mvnw -q -B package -DskipTests
  fi
  local port
  port=$(free_port)
  data_dir=$(mktemp -d -t interlock-runs-bench.XXXXXX)
  QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE" \
    java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
  server_pid=$!
  local deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "server did not become ready; its log:" >&2
      cat "$data_dir/server.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "### server pid $server_pid on port $port, data in $data_dir; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local status=0
  java bench/RunsBench.java --base-url "http://127.0.0.1:$port" --server-pid "$server_pid" "${args[@]}" || status=$?
  echo "### load average after: $(cut -d' ' -f1-3 /proc/loadavg); data on disk: $(du -sh "$data_dir" | cut -f1)"
  if ((status != 0)); then
    mkdir -p target && cp "$data_dir/server.log" target/runs-bench-server.log
    echo "### server log kept in target/runs-bench-server.log" >&2
  fi
  return "$status"
}

main "$@"
