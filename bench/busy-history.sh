#!/usr/bin/env bash
# The PostgreSQL build with pipelines that have a long, busy history: P pipelines with R runs in all over the last 80
# days, the JVM options of deploy/jvm.options (-Xmx256m).
#  1. After a restart (nothing kept), the health job's pass over every pipeline: does it stay within the heap?
#  2. A burst of registrations that claim no runs (BURST bodies of 10 components): how long they take, and how many
#     runs PostgreSQL read by sequential scans meanwhile (rebinding runs after a catalog change reads every job's).
#  3. Another restart: how many runs the rebinding at start reads.
#  4. Pages and answers that look into the runs: the jobs no pipeline claims (GET /api/runs/unbound, and the page
#     /runs/unbound) with 20 unclaimed jobs among a million runs (R/100 runs of jobs bench/orphan-<k>, besides the R
#     runs of the pipelines), what hangs on a person (GET /api/people/default/someone/dependence) and the people
#     ranked by it (the page /people): how long each answer takes, and how many runs they read by sequential scans,
#     on a server restarted with the health job on, once its first pass is done.
# Usage: bench/busy-history.sh [PIPELINES] [RUNS] [BURST]   (default 500 pipelines, 1,000,000 runs: 2,000 each; 20)
# The runs are written with SQL (ingesting a million through the API takes minutes and is measured by bench/runs.sh);
# they are the runs the pipelines' OpenLineage jobs would have, bound to them as the ingest binds them.
# Needs the PostgreSQL build (./mvnw -q -B -Ppostgresql package -DskipTests). Exits 0 when the server computed every
# pipeline's health and stayed up without running out of heap, 2 when not, 1 when the benchmark could not run.
# INTERLOCK_RUNS_HEALTH_EVERY=off leaves the health job out (to measure the burst on a build that cannot do 1).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_DATABASE=${PG_DATABASE:-interlock_health}
# shellcheck source=bench/lib.sh
source bench/lib.sh

psql_bench() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$PG_DATABASE" -qAtX \
    -v ON_ERROR_STOP=1 -c "$1"
}

# The catalog: P data pipelines p-<i>, each claiming the OpenLineage job bench/p-<i>, all maintained by the user
# someone.
register_pipelines() {
  local port=$1 pipelines=$2 body i
  body=$(printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: someone\nspec:\n  memberOf: []\n'
    for ((i = 0; i < pipelines; i++)); do
    printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: p-%d\n' "$i"
    printf '  annotations:\n    openlineage.io/job: bench/p-%d\nspec:\n  type: pipeline\n  lifecycle: production\n' "$i"
    printf '  owner: group:data\n  pipeline:\n    family: data\n    maintainers: [user:someone]\n'
  done)
  curl -fsS -o /dev/null -u admin:admin -H 'Content-Type: application/yaml' --data-binary "$body" \
    "http://127.0.0.1:$port/api/catalog/entities"
}

# R runs spread evenly over the pipelines and the last 80 days; every tenth run of each pipeline failed (the next one
# restored it); the runs of even pipelines name someone as who started them (as GitHub's do), those of odd ones nobody.
insert_runs() {
  local pipelines=$1 runs=$2
  psql_bench "INSERT INTO runs (format, run_key, run_id, job_key, job_namespace, job_name, pipeline_ref, state,
      terminal_at, started_at, ended_at, sort_time, run_trigger, actor, manual, infra_error, error, events)
    SELECT 'openlineage', 'r-' || g, 'r-' || g, 'openlineage:bench|p-' || (g % $pipelines), 'bench',
      'p-' || (g % $pipelines), 'component:default/p-' || (g % $pipelines),
      CASE WHEN g / $pipelines % 10 = 5 THEN 'failed' ELSE 'succeeded' END,
      t + interval '5 minutes', t, t + interval '5 minutes', t, 'schedule',
      CASE WHEN g % $pipelines % 2 = 0 THEN 'someone' END, false, false,
      CASE WHEN g / $pipelines % 10 = 5 THEN 'step 3 of the load failed' END, 2
    FROM (SELECT g, now() - interval '80 days' * (g::float / $runs) AS t FROM generate_series(1, $runs) g) s"
  psql_bench "INSERT INTO runs (format, run_key, run_id, job_key, job_namespace, job_name, state, terminal_at,
      started_at, ended_at, sort_time, manual, infra_error, events)
    SELECT 'openlineage', 'o-' || g, 'o-' || g, 'openlineage:bench|orphan-' || (g % 20), 'bench',
      'orphan-' || (g % 20), 'succeeded', t + interval '5 minutes', t, t + interval '5 minutes', t, false, false, 2
    FROM (SELECT g, now() - interval '80 days' * (g::float / $runs) AS t FROM generate_series(1, $runs / 100) g) s"
  psql_bench "ANALYZE runs"
}

# Signs admin in on the server at port $1 through the sign-in form, keeping the session in the cookie jar $2; fails
# when the server refuses (it sends the form back, to /login?error=true).
sign_in() {
  local port=$1 jar=$2 token location
  token=$(curl -fsS -c "$jar" "http://127.0.0.1:$port/login" | sed -n 's/.*name="csrf-token" value="\([^"]*\)".*/\1/p')
  location=$(curl -fsS -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" --data-urlencode "csrf-token=$token" \
    -d username=admin -d password=admin "http://127.0.0.1:$port/login") || return 1
  if [[ $location == */login* ]] || ! grep -q interlock-session "$jar"; then
    echo "signing in as admin failed (sent to ${location:-nowhere})" >&2
    return 1
  fi
}

# Milliseconds of each of $2 answers to GET $1, one after the other: as admin, through HTTP Basic, or with the session
# in the cookie jar $3 (a page). Fails at the first answer other than 200.
timed_gets() {
  local url=$1 times=$2 jar=${3:-} i answer out="" auth=(-u admin:admin)
  [[ -z "$jar" ]] || auth=(-b "$jar")
  for ((i = 0; i < times; i++)); do
    answer=$(curl -sS -o /dev/null -w '%{http_code} %{time_total}' "${auth[@]}" "$url") || return 1
    if [[ ${answer%% *} != 200 ]]; then
      echo "GET $url answered ${answer%% *}" >&2
      return 1
    fi
    out+=$(awk -v s="${answer#* }" 'BEGIN { printf "%d ", s * 1000 }')
  done
  echo "$out"
}

# Seconds of CPU the process $1 has used.
cpu_seconds() {
  awk '{print ($14 + $15) / 100}' "/proc/$1/stat"
}

# Waits until the server has used under a tenth of a core for 5 s in a row, and at least $1 s; prints the seconds.
await_idle() {
  local least=$1 started=$SECONDS idle=0 last now
  last=$(cpu_seconds "$server_pid")
  while ((SECONDS - started < least || idle < 5)); do
    sleep 1
    kill -0 "$server_pid" 2>/dev/null || break
    now=$(cpu_seconds "$server_pid")
    if awk -v a="$last" -v b="$now" 'BEGIN { exit !(b - a < 0.1) }'; then idle=$((idle + 1)); else idle=0; fi
    last=$now
  done
  echo $((SECONDS - started - idle))
}

# Runs read by sequential scans of the runs table so far.
runs_scanned() {
  psql_bench "SELECT COALESCE(seq_tup_read, 0) FROM pg_stat_user_tables WHERE relname = 'runs'"
}

# BURST bodies of 10 components each that claim no job, one after the other: prints the milliseconds of each.
burst() {
  local port=$1 bodies=$2 b i body
  for ((b = 0; b < bodies; b++)); do
    body=$(for ((i = 0; i < 10; i++)); do
      printf -- '---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: s-%d-%d\n' "$b" "$i"
      printf 'spec:\n  type: service\n  lifecycle: production\n  owner: group:data\n'
    done)
    curl -fsS -o /dev/null -w '%{time_total}\n' -u admin:admin -H 'Content-Type: application/yaml' \
      --data-binary "$body" "http://127.0.0.1:$port/api/catalog/entities" | awk '{printf "%d ", $1 * 1000}'
  done
}

main() {
  local pipelines=${1:-500} runs=${2:-1000000} bodies=${3:-20} port started
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
  local status=0 rss oom health pass scanned times
  # The first health pass begins 20 s after the start; the rebinding at start reads every job's runs.
  pass=$(await_idle 40)
  if kill -0 "$server_pid" 2>/dev/null; then
    rss=$(awk '/VmHWM/ {printf "%d MiB", $2 / 1024}' "/proc/$server_pid/status")
  else
    rss="n/a (the server exited)"
    status=2
  fi
  oom=$(grep -c 'OutOfMemoryError' "$data_dir/server.log" || true)
  health=$(curl -fsS -u admin:admin "http://127.0.0.1:$port/api/pipelines/default/p-0/health" || echo 'no answer')
  echo "### health pass done $pass s after the start; peak RSS $rss; OutOfMemoryError in the log: $oom"
  echo "### p-0's health: ${health:0:300}"
  if ((oom > 0)) || [[ $health != *'"successRate"'* ]]; then
    status=2
    tail -n 30 "$data_dir/server.log" >&2
  else
    scanned=$(runs_scanned)
    times=$(burst "$port" "$bodies")
    pass=$(await_idle 0)
    echo "### burst of $bodies bodies of 10 components (ms each): $times"
    echo "### runs read by sequential scans during the burst and until idle ($pass s):" \
      "$(($(runs_scanned) - scanned))"
    # 3. A restart with the claims as the last pass settled them (the health job off: it reads the runs anyway).
    stop_server
    scanned=$(runs_scanned)
    port=$(free_port)
    start_server "$port" "${pg_env[@]}" INTERLOCK_RUNS_HEALTH_EVERY=off
    await_ready "$port"
    pass=$(await_idle 40)
    echo "### runs read by sequential scans from a restart until idle ($pass s; health job off):" \
      "$(($(runs_scanned) - scanned))"
    # 4. The unclaimed jobs, and what hangs on people, on a server running as it does in production: restarted with the
    # health job on, once its first pass is done.
    stop_server
    port=$(free_port)
    start_server "$port" "${pg_env[@]}"
    await_ready "$port"
    pass=$(await_idle 40)
    sign_in "$port" "$data_dir/cookies" || return 1
    local api page restored
    scanned=$(runs_scanned)
    api=$(timed_gets "http://127.0.0.1:$port/api/runs/unbound" 5) || return 1
    page=$(timed_gets "http://127.0.0.1:$port/runs/unbound" 5 "$data_dir/cookies") || return 1
    # PostgreSQL counts a statement's rows once the backend reports them (within a second or so of going idle).
    await_idle 0 >/dev/null
    echo "### GET /api/runs/unbound (ms each): $api; /runs/unbound: $page;" \
      "runs read by sequential scans: $(($(runs_scanned) - scanned))"
    scanned=$(runs_scanned)
    api=$(timed_gets "http://127.0.0.1:$port/api/people/default/someone/dependence" 5) || return 1
    page=$(timed_gets "http://127.0.0.1:$port/people" 5 "$data_dir/cookies") || return 1
    await_idle 0 >/dev/null
    restored=$(curl -fsS -u admin:admin "http://127.0.0.1:$port/api/people/default/someone/dependence" |
      grep -o '"soleRestorer":\[[^]]*\]' | grep -o 'component:' | wc -l)
    echo "### GET /api/people/default/someone/dependence (ms each): $api; /people: $page;" \
      "runs read by sequential scans: $(($(runs_scanned) - scanned)); pipelines someone alone restored: $restored"
  fi
  echo "### load average after: $(load_average); $( ((status == 0)) && echo PASS || echo FAIL)"
  return "$status"
}

main "$@"
