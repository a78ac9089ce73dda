#!/usr/bin/env bash
# Runs bench/CatalogBench.java against a fresh Interlock server for each N given (default 10000).
# Usage: bench/run.sh [--postgresql] [N...]     e.g. bench/run.sh 10000 100000, bench/run.sh --postgresql 10000
# --postgresql runs the PostgreSQL build (./mvnw -Ppostgresql package) on a fresh database $PG_DATABASE (dropped and
# created for each N, dropped at the end) of the server at $PG_HOST:$PG_PORT as $PG_USER (trust or ~/.pgpass).
# Exits non-zero if any benchmark fails or misses a target; every N is still run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=${INTERLOCK_JAR:-target/quarkus-app/quarkus-run.jar}
readonly PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
readonly PG_DATABASE=${PG_DATABASE:-interlock_bench}
database=h2
readonly READY_TIMEOUT_SECONDS=180
readonly TARGET_MISSED=2 # CatalogBench's exit status when it ran but a target failed

# shellcheck source=bench/lib.sh
source bench/lib.sh

# Runs one SQL command on the PostgreSQL server's maintenance database.
pg_admin() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qX \
    -v ON_ERROR_STOP=1 -c "$1"
}

drop_pg_database() {
  if [[ $database == postgresql ]]; then
    pg_admin "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)"
  fi
}

# Starts the server on port $1 with an empty database (H2 in a fresh temp dir, or a new PostgreSQL database; the
# temp dir holds the log either way); sets server_pid and data_dir.
start_server() {
  local port=$1
  data_dir=$(mktemp -d -t interlock-bench.XXXXXX)
  local -a db=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE")
  if [[ $database == postgresql ]]; then
    drop_pg_database
    pg_admin "CREATE DATABASE $PG_DATABASE"
    db=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE"
      QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="${PG_PASSWORD:-}")
  fi
  env QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false "${db[@]}" \
    java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
  server_pid=$!
}

# How much room the benchmark's database takes.
database_size() {
  if [[ $database == postgresql ]]; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAX \
      -c "SELECT pg_size_pretty(pg_database_size('$PG_DATABASE'))"
  else
    du -sh "$data_dir" | cut -f1
  fi
}

# Polls the readiness endpoint on port $1 until it answers 200.
await_ready() {
  local port=$1 deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "server did not become ready; its log:" >&2
      cat "$data_dir/server.log" >&2
      if grep -q 'Driver does not support the provided URL' "$data_dir/server.log"; then
        echo "$JAR is not the $database build: ./mvnw -q -B package -DskipTests$(pg_flag)" >&2
      fi
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
  java bench/CatalogBench.java --base-url "http://127.0.0.1:$port" --n "$n" --pid "$server_pid" \
    --database "$database" || status=$?
  echo "### load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "### $database database size on disk: $(database_size)"
  if ((status != 0 && status != TARGET_MISSED)); then
    report_failure "$n" "$status"
  fi
  stop_server
  drop_pg_database
  return "$status"
}

# The Maven option of the build for this database.
pg_flag() {
  [[ $database == postgresql ]] && echo " -Ppostgresql" || true
}

main() {
  if [[ ${1:-} == --postgresql ]]; then
    database=postgresql
    shift
    trap 'stop_server; drop_pg_database' EXIT
  fi
  if [[ ! -f "$JAR" ]]; then
    # shellcheck disable=SC2046
    ./mvnw -q -B package -DskipTests $(pg_flag)
  fi
  local failed=0 n
  for n in "${@:-10000}"; do
    bench_one "$n" || failed=1
  done
  return "$failed"
}

main "$@"
