#!/usr/bin/env bash
# Runs bench/TaskOrderBench.java against a fresh Interlock server: CDEvents task runs before and after their pipeline
# run, events/s of each order and whether every run got its tasks.
# Usage: bench/task-order.sh [--postgresql] [RUNS]   (default 400 pipeline runs of six events per order)
# --postgresql runs the PostgreSQL build (./mvnw -Ppostgresql package) on a fresh database $PG_DATABASE (dropped and
# created first, dropped at the end) of the server at $PG_HOST:$PG_PORT as $PG_USER, as bench/run.sh --postgresql does.
# Exits non-zero if the benchmark fails or a run misses its tasks.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
PG_DATABASE=${PG_DATABASE:-interlock_task_order}

# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local build=() db=()
  if [[ ${1:-} == --postgresql ]]; then
    build=(-Ppostgresql)
    shift
    create_pg_database
    db=("${pg_env[@]}")
  fi
  local runs=${1:-400}
  ensure_jar "${build[@]}"
  local port
  port=$(free_port)
  start_server "$port" "${db[@]}"
  await_ready "$port"
  echo "### server pid $server_pid on port $port, data in $data_dir; load average $(load_average)"
  local status=0
  bench_java TaskOrderBench --base-url "http://127.0.0.1:$port" --runs "$runs" || status=$?
  echo "### load average after: $(load_average)"
  return "$status"
}

main "$@"
