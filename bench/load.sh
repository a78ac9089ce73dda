#!/usr/bin/env bash
# Runs bench/LoadBench.java against two replicas of the PostgreSQL build on one fresh database.
# Usage: bench/load.sh [CLIENTS] [SECONDS]     (default 64 clients for 60 s)
# Needs the PostgreSQL build (./mvnw -q -B -Ppostgresql package -DskipTests) and PostgreSQL at $PG_HOST:$PG_PORT as
# $PG_USER (trust or ~/.pgpass); the database $PG_DATABASE is dropped and created, and dropped at the end.
# Exits 0 when every target passes, 2 when one misses, 1 when the benchmark could not run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly JAR=${INTERLOCK_JAR:-target/quarkus-app/quarkus-run.jar}
readonly PG_HOST=${PG_HOST:-127.0.0.1} PG_PORT=${PG_PORT:-5432} PG_USER=${PG_USER:-postgres}
readonly PG_DATABASE=${PG_DATABASE:-interlock_load}
# shellcheck source=bench/lib.sh
source bench/lib.sh

pg_admin() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qX \
    -v ON_ERROR_STOP=1 -c "$1"
}

pids=()
dirs=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_admin "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)" || true
  for d in "${dirs[@]}"; do rm -rf "$d"; done
}

main() {
  local clients=${1:-64} seconds=${2:-60} urls=() port dir i
  [[ -f "$JAR" ]] || { echo "no $JAR: build it with ./mvnw -q -B -Ppostgresql package -DskipTests" >&2; return 1; }
  trap cleanup EXIT
  pg_admin "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)"
  pg_admin "CREATE DATABASE $PG_DATABASE"
  # The replicas share the keys of the CSRF cookie's signature and of the session cookies' encryption.
  local key
  key=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
  for i in 1 2; do
    port=$(free_port)
    dir=$(mktemp -d -t interlock-load.XXXXXX)
    dirs+=("$dir")
    QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false \
      QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE" \
      QUARKUS_DATASOURCE_USERNAME="$PG_USER" QUARKUS_DATASOURCE_PASSWORD="${PG_PASSWORD:-}" \
      QUARKUS_REST_CSRF_TOKEN_SIGNATURE_KEY="$key" QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY="$key" \
      java $(jvm_opts) -jar "$JAR" >"$dir/server.log" 2>&1 &
    pids+=($!)
    urls+=("http://127.0.0.1:$port")
    # One at a time: Flyway migrates the fresh database once.
    local deadline=$((SECONDS + 180))
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
      if ! kill -0 "${pids[-1]}" 2>/dev/null || ((SECONDS > deadline)); then
        echo "replica $i did not become ready (is $JAR the PostgreSQL build?); its log:" >&2
        tail -n 40 "$dir/server.log" >&2
        return 1
      fi
      sleep 0.2
    done
  done
  echo "### replicas ${urls[*]} (pids ${pids[*]}) on $PG_DATABASE; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local status=0
  java bench/LoadBench.java --base-urls "$(IFS=,; echo "${urls[*]}")" --clients "$clients" --seconds "$seconds" \
    || status=$?
  echo "### load average after: $(cut -d' ' -f1-3 /proc/loadavg); peak RSS of the replicas:" \
    "$(for pid in "${pids[@]}"; do grep VmHWM "/proc/$pid/status" 2>/dev/null | awk '{printf "%d MiB ", $2/1024}'; done)"
  return "$status"
}

main "$@"
