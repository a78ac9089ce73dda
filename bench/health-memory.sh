#!/usr/bin/env bash
# Whether the PostgreSQL build computes every pipeline's health within its heap when the pipelines have a long, busy
# history: P pipelines with R runs in all over the last 80 days, the health job's pass over all of them after a
# restart (nothing kept), with the JVM options of deploy/jvm.options (-Xmx256m).
# Usage: bench/health-memory.sh [PIPELINES] [RUNS]     (default 500 pipelines, 1,000,000 runs: 2,000 each)
# The runs are written with SQL (ingesting a million through the API takes minutes and is measured by bench/runs.sh);
# they are the runs the pipelines' OpenLineage jobs would have, bound to them as the ingest binds them.
# Needs the PostgreSQL build (./mvnw -q -B -Ppostgresql package -DskipTests). Exits 0 when the server computed every
# pipeline's health and stayed up without running out of heap, 2 when not, 1 when the benchmark could not run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_DATABASE=${PG_DATABASE:-interlock_health}
# shellcheck source=bench/lib.sh
source bench/lib.sh

psql_bench() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -qAtX \
    -v ON_ERROR_STOP=1 -c "$1"
}

# The catalog: P data pipelines p-<i>, each claiming the OpenLineage job bench/p-<i>.
register_pipelines() {
  local port=$1 pipelines=$2 body i
  body=$(for ((i = 0; i < pipelines; i++)); do
    printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: p-%d\n' "$i"
    printf '  annotations:\n    openlineage.io/job: bench/p-%d\nspec:\n  type: pipeline\n  lifecycle: production\n' "$i"
    printf '  owner: group:data\n  pipeline:\n    family: data\n    maintainers: [user:someone]\n'
  done)
  curl -fsS -o /dev/null -u admin:admin -H 'Content-Type: application/yaml' --data-binary "$body" \
    "http://127.0.0.1:$port/api/catalog/entities"
}

# R runs spread evenly over the pipelines and the last 80 days; one in ten failed.
insert_runs() {
  local pipelines=$1 runs=$2
  psql_bench "INSERT INTO runs (format, run_key, run_id, job_key, job_namespace, job_name, pipeline_ref, state,
      terminal_at, started_at, ended_at, sort_time, run_trigger, manual, infra_error, error, events)
    SELECT 'openlineage', 'r-' || g, 'r-' || g, 'openlineage:bench|p-' || (g % $pipelines), 'bench',
      'p-' || (g % $pipelines), 'component:default/p-' || (g % $pipelines),
      CASE WHEN g % 10 = 0 THEN 'failed' ELSE 'succeeded' END,
      t + interval '5 minutes', t, t + interval '5 minutes', t, 'schedule', false, false,
      CASE WHEN g % 10 = 0 THEN 'step 3 of the load failed' END, 2
    FROM (SELECT g, now() - interval '80 days' * (g::float / $runs) AS t FROM generate_series(1, $runs) g) s"
  psql_bench "ANALYZE runs"
}

# Seconds of CPU the process $1 has used.
cpu_seconds() {
  awk '{print ($14 + $15) / 100}' "/proc/$1/stat"
}

main() {
  local pipelines=${1:-500} runs=${2:-1000000} port started last now idle=0
  [[ -f "$JAR" ]] || { echo "no $JAR: build it with ./mvnw -q -B -Ppostgresql package -DskipTests" >&2; return 1; }
  create_pg_database
  port=$(free_port)
  start_server "$port" "${pg_env[@]}"
  await_ready "$port"
  register_pipelines "$port" "$pipelines"
  stop_server
  started=$SECONDS
  insert_runs "$pipelines" "$runs"
  echo "### $pipelines pipelines, $(psql_bench 'SELECT COUNT(*) FROM runs') runs written in $((SECONDS - started)) s;" \
    "load average $(load_average)"
  # A restart: no health kept, the health job computes every pipeline's 20 s after the start, then every 10 s.
  port=$(free_port)
  start_server "$port" "${pg_env[@]}"
  await_ready "$port"
  started=$SECONDS
  # Done when the server has used under a tenth of a core for 5 s in a row after the first pass began.
  last=$(cpu_seconds "$server_pid")
  while ((SECONDS - started < 30 || idle < 5)); do
    sleep 1
    kill -0 "$server_pid" 2>/dev/null || break
    now=$(cpu_seconds "$server_pid")
    if awk -v a="$last" -v b="$now" 'BEGIN { exit !(b - a < 0.1) }'; then idle=$((idle + 1)); else idle=0; fi
    last=$now
  done
  local status=0 rss oom health
  if kill -0 "$server_pid" 2>/dev/null; then
    rss=$(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$server_pid/status")
  else
    rss="n/a (the server exited)"
    status=2
  fi
  oom=$(grep -c 'OutOfMemoryError' "$data_dir/server.log" || true)
  health=$(curl -fsS -u admin:admin "http://127.0.0.1:$port/api/pipelines/default/p-1/health" || echo 'no answer')
  echo "### health pass done after $((SECONDS - started - idle)) s; peak RSS $rss; OutOfMemoryError in the log: $oom"
  echo "### p-1's health: ${health:0:300}"
  if ((oom > 0)) || [[ $health != *'"successRate"'* ]]; then
    status=2
    tail -n 30 "$data_dir/server.log" >&2
  fi
  echo "### load average after: $(load_average); $( ((status == 0)) && echo PASS || echo FAIL)"
  return "$status"
}

main "$@"
