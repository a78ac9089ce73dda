#!/usr/bin/env bash
# Runs bench/UnboundBench.java against a fresh Interlock server (H2, or the PostgreSQL build with --postgresql): the
# jobs no pipeline claims, when every job a scheduler reports is unclaimed.
# Usage: bench/unbound.sh [--postgresql] [JOBS] [RUNS_PER_JOB] [REQUESTS]   (default 5,000 jobs, 40 runs each, 200)
# Exits non-zero if the benchmark fails or misses a target.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

main() {
  local -a db=()
  if [[ ${1:-} == --postgresql ]]; then
    shift
    ensure_jar -Ppostgresql
    create_pg_database
    db=("${pg_env[@]}")
  else
    ensure_jar
  fi
  local jobs=${1:-5000} runs=${2:-40} requests=${3:-200} port
  port=$(free_port)
  start_server "$port" "${db[@]}"
  await_ready "$port"
  echo "### server pid $server_pid on port $port, data in $data_dir; load average $(load_average)"
  local status=0
  bench_java UnboundBench --base-url "http://127.0.0.1:$port" --server-pid "$server_pid" --jobs "$jobs" \
    --runs "$runs" --requests "$requests" || status=$?
  echo "### load average after: $(load_average)"
  if ((status != 0)); then report_failure "$status"; fi
  return "$status"
}

main "$@"
