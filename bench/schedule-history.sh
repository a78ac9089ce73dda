#!/usr/bin/env bash
# What a restart costs the runs pages when scheduled pipelines have a long edit history: P pipelines on an hourly
# schedule, each edited E times in spec.pipeline (its runbook, not its schedule), then a restart on the same H2 file.
# The first read of every pipeline after the restart looks in the edit history for a schedule change that floors the
# ticks judged (PipelineDirectory); the server logs how long that read took ("Read N pipelines (M scheduled) in X ms"),
# which this prints, with the time of the first health answer (which waits on that read). With AGE days, the edit history
# is made that much older (with H2's shell, the server stopped) before the restart: an edit older than the ticks judged
# (31 days) floors none of them, so it is not read.
# Usage: bench/schedule-history.sh [PIPELINES] [EDITS] [AGE]   (default 10,000 pipelines, 5 edits each, 0 days)
# Exits 0 when the server came back and logged the read, 1 when the benchmark could not run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

CHUNK=1000

# Registers (or edits) pipelines from $2 to $3 (exclusive), edit number $4 in their runbook, on port $1.
post_pipelines() {
  local port=$1 from=$2 to=$3 edit=$4 i
  for ((i = from; i < to; i++)); do
    printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: s-%d\n' "$i"
    printf 'spec:\n  type: pipeline\n  lifecycle: production\n  owner: group:data\n  pipeline:\n    family: data\n'
    printf '    trigger: {schedule: "0 * * * *"}\n    runbook: https://runbooks.example/s-%d/v%d\n' "$i" "$edit"
  done | curl -fsS -o /dev/null -u admin:admin -H 'Content-Type: application/yaml' --data-binary @- \
    "http://127.0.0.1:$port/api/catalog/entities"
}

main() {
  local pipelines=${1:-10000} edits=${2:-5} age=${3:-0} port edit from started first_pid h2_dir h2_jar
  ensure_jar
  port=$(free_port)
  start_server "$port"
  await_ready "$port"
  first_pid=$server_pid
  h2_dir=$data_dir
  started=$SECONDS
  for ((edit = 0; edit <= edits; edit++)); do
    for ((from = 0; from < pipelines; from += CHUNK)); do
      post_pipelines "$port" "$from" $((from + CHUNK < pipelines ? from + CHUNK : pipelines)) "$edit"
    done
  done
  echo "### $pipelines scheduled pipelines registered and edited $edits times each in $((SECONDS - started)) s"
  kill "$first_pid"
  wait "$first_pid" 2>/dev/null || true
  if ((age > 0)); then
    h2_jar=$(ls "$(dirname "$JAR")"/lib/main/com.h2database.h2-*.jar)
    java -cp "$h2_jar" org.h2.tools.Shell -url "jdbc:h2:file:$h2_dir/interlock" -user sa -password '' \
      -sql "UPDATE entity_history SET at = DATEADD('DAY', -$age, at)" >/dev/null
    echo "### the edit history made $age days older"
  fi
  port=$(free_port)
  start_server "$port" "QUARKUS_DATASOURCE_JDBC_URL=jdbc:h2:file:$h2_dir/interlock;DB_CLOSE_ON_EXIT=FALSE"
  await_ready "$port"
  local t0 t1
  t0=$(date +%s%N)
  curl -fsS -o /dev/null -u admin:admin "http://127.0.0.1:$port/api/pipelines/default/s-0/health"
  t1=$(date +%s%N)
  echo "### first health answer after the restart (GET /api/pipelines/default/s-0/health): $(((t1 - t0) / 1000000)) ms"
  if ! grep -o 'Read [0-9]* pipelines ([0-9]* scheduled) in [0-9]* ms' "$data_dir/server.log"; then
    echo "### the server logged no first read of the pipelines" >&2
    tail -n 40 "$data_dir/server.log" >&2
    return 1
  fi
}

main "$@"
