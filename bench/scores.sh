#!/usr/bin/env bash
# Scoring benchmark against a fresh server: bench/scores.sh [--postgresql] [N]   (default 10000)
# --postgresql runs the PostgreSQL build (./mvnw -Ppostgresql package) on a fresh database $PG_DATABASE (dropped and
# created first, dropped at the end) of the server at $PG_HOST:$PG_PORT as $PG_USER, as bench/run.sh --postgresql does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PG_DATABASE=${PG_DATABASE:-interlock_scores}
# shellcheck source=bench/lib.sh
source bench/lib.sh
build=()
db=()
if [[ ${1:-} == --postgresql ]]; then
  build=(-Ppostgresql)
  shift
  create_pg_database
  db=("${pg_env[@]}")
fi
n=${1:-10000}
ensure_jar "${build[@]}"
port=$(free_port)
start_server "$port" "${db[@]}"
await_ready "$port"
bench_java ScoreBench --base-url "http://127.0.0.1:$port" --n "$n"
