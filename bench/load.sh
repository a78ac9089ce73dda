#!/usr/bin/env bash
# Runs bench/LoadBench.java against two replicas of the PostgreSQL build on one fresh database.
# Usage: bench/load.sh [CLIENTS] [SECONDS]     (default 64 clients for 60 s)
# Needs the PostgreSQL build (./mvnw -q -B -Ppostgresql package -DskipTests) and PostgreSQL at $PG_HOST:$PG_PORT as
# $PG_USER (trust or ~/.pgpass); the database $PG_DATABASE is dropped and created, and dropped at the end.
# Exits 0 when every target passes, 2 when one misses, 1 when the benchmark could not run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_DATABASE=${PG_DATABASE:-interlock_load}
# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local clients=${1:-64} seconds=${2:-60} urls=() port i key
  [[ -f "$JAR" ]] || { echo "no $JAR: build it with ./mvnw -q -B -Ppostgresql package -DskipTests" >&2; return 1; }
  create_pg_database
  # The replicas share the key of the single-sign-on cookies' encryption.
  key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
  for i in 1 2; do
    port=$(free_port)
    start_server "$port" "${pg_env[@]}" \
      QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$key"
    urls+=("http://127.0.0.1:$port")
    # One at a time: Flyway migrates the fresh database once.
    await_ready "$port"
  done
  echo "### replicas ${urls[*]} (pids ${server_pids[*]}) on $PG_DATABASE; load average $(load_average)"
  local status=0
  bench_java LoadBench --base-urls "$(IFS=,; echo "${urls[*]}")" --clients "$clients" --seconds "$seconds" \
    || status=$?
  echo "### load average after: $(load_average); peak RSS of the replicas:" \
    "$(for pid in "${server_pids[@]}"; do grep VmHWM "/proc/$pid/status" 2>/dev/null | awk '{printf "%d MiB ", $2/1024}'; done)"
  return "$status"
}

main "$@"
