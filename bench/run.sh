#!/usr/bin/env bash
# Runs bench/CatalogBench.java against a fresh Interlock server for each N given (default 10000).
# Usage: bench/run.sh [--postgresql] [N...]     e.g. bench/run.sh 10000 100000, bench/run.sh --postgresql 10000
# --postgresql runs the PostgreSQL build (./mvnw -Ppostgresql package) on a fresh database $PG_DATABASE (dropped and
# created for each N, dropped at the end) of the server at $PG_HOST:$PG_PORT as $PG_USER (trust or ~/.pgpass).
# Exits non-zero if any benchmark fails or misses a target; every N is still run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_DATABASE=${PG_DATABASE:-interlock_bench}
database=h2
readonly TARGET_MISSED=2 # CatalogBench's exit status when it ran but a target failed

# shellcheck source=bench/lib.sh
source bench/lib.sh

# How much room the benchmark's database takes.
database_size() {
  if [[ $database == postgresql ]]; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAX \
      -c "SELECT pg_size_pretty(pg_database_size('$PG_DATABASE'))"
  else
    du -sh "$data_dir" | cut -f1
  fi
}

# Benchmarks one N against a fresh server with an empty database; returns the benchmark's exit status.
bench_one() {
  local n=$1 port status=0
  local -a db=()
  port=$(free_port)
  if [[ $database == postgresql ]]; then
    create_pg_database
    db=("${pg_env[@]}")
  fi
  start_server "$port" "${db[@]}"
  echo "### N=$n: server pid $server_pid on port $port, data in $data_dir"
  if ! await_ready "$port"; then
    stop_server
    return 1
  fi
  echo "### load average before: $(load_average)"
  bench_java CatalogBench --base-url "http://127.0.0.1:$port" --n "$n" --pid "$server_pid" \
    --database "$database" || status=$?
  echo "### load average after:  $(load_average)"
  echo "### $database database size on disk: $(database_size)"
  if [[ $database == h2 && ${SETTLE_SECONDS:-0} -gt 0 ]]; then
    # H2 keeps the chunks a burst of writes replaced for RETENTION_TIME (45 s) and compacts half-empty ones while
    # the store is idle; SETTLE_SECONDS=90 shows the size the file settles at once the server is left alone.
    local waited=0
    while ((waited < SETTLE_SECONDS)); do
      sleep 15
      waited=$((waited + 15))
      echo "### h2 database size on disk after ${waited} s idle: $(database_size)"
    done
  fi
  if ((status != 0 && status != TARGET_MISSED)); then
    report_failure "$status" "N=$n: "
  fi
  stop_server
  drop_pg_database
  return "$status"
}

main() {
  local -a build=()
  if [[ ${1:-} == --postgresql ]]; then
    database=postgresql
    build=(-Ppostgresql)
    shift
  fi
  ensure_jar "${build[@]}"
  local failed=0 n
  for n in "${@:-10000}"; do
    bench_one "$n" || failed=1
  done
  return "$failed"
}

main "$@"
