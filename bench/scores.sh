#!/usr/bin/env bash
# Scoring benchmark against a fresh server: bench/scores.sh [N]   (default 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly JAR=target/quarkus-app/quarkus-run.jar
n=${1:-10000}
[[ -f "$JAR" ]] || ./mvnw -q -B package -DskipTests
# shellcheck source=bench/lib.sh
source bench/lib.sh
data_dir=$(mktemp -d -t interlock-scores.XXXXXX)
port=$((20000 + RANDOM % 20000))
cleanup() { [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$data_dir"; }
trap cleanup EXIT
QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE" \
  java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
pid=$!
until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$data_dir/server.log"; exit 1; }
  sleep 0.2
done
java bench/ScoreBench.java --base-url "http://127.0.0.1:$port" --n "$n"
