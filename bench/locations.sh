#!/usr/bin/env bash
# Runs bench/LocationBench.java against a fresh Interlock server for each N given (default 1000 locations of
# 10 entities each, served by the benchmark's own HTTP file server on 127.0.0.1).
# Usage: bench/locations.sh [N...]     e.g. bench/locations.sh 100 1000
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=target/quarkus-app/quarkus-run.jar
# shellcheck source=bench/lib.sh
source bench/lib.sh

bench_one() {
  local n=$1 port status=0 deadline
  port=$(free_port)
  data_dir=$(mktemp -d -t interlock-locbench.XXXXXX)
  # Scheduled refresh far away: the benchmark starts the rounds itself. Private addresses: its file server.
  QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false INTERLOCK_LOCATIONS_ALLOW_PRIVATE_ADDRESSES=true \
    INTERLOCK_LOCATIONS_REFRESH_INTERVAL=PT1H \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE" \
    java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
  server_pid=$!
  deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
      cat "$data_dir/server.log" >&2
      stop_server
      return 1
    fi
    sleep 0.2
  done
  echo "### N=$n locations: server pid $server_pid on port $port; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java bench/LocationBench.java --base-url "http://127.0.0.1:$port" --n "$n" || status=$?
  if ((status == 1)); then
    tail -n 40 "$data_dir/server.log" >&2
  fi
  stop_server
  return "$status"
}

main() {
  if [[ ! -f "$JAR" ]]; then
    ./mvnw -q -B package -DskipTests
  fi
  local failed=0 n
  for n in "${@:-1000}"; do
    bench_one "$n" || failed=1
  done
  return "$failed"
}

main "$@"
