# Shared by the bench/*.sh scripts (sourced after they cd to the project): the jar, the servers a script starts
# (stopped, and their data folders removed, on exit), their readiness, why a benchmark failed, the PostgreSQL
# database of a run, and compiling and running a benchmark with bench/harness.

JAR=${INTERLOCK_JAR:-target/quarkus-app/quarkus-run.jar}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
PG_DATABASE=${PG_DATABASE:-interlock_bench}
READY_TIMEOUT_SECONDS=180

server_pid="" # the server started last
data_dir=""   # its folder: its H2 database and server.log
server_pids=()
data_dirs=()
pg_database_created=""
bench_classes=""

# Stops every server the script started and removes their data folders.
stop_server() {
  local pid
  for pid in "${server_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${server_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # BENCH_KEEP_LOGS=DIR keeps each server's log there (DIR/server-<n>.log) before its data folder goes.
  if [[ -n ${BENCH_KEEP_LOGS:-} ]]; then
    local dir
    mkdir -p "$BENCH_KEEP_LOGS"
    for dir in "${data_dirs[@]}"; do
      cp "$dir/server.log" "$BENCH_KEEP_LOGS/server-$(date +%s%N).log" 2>/dev/null || true
    done
  fi
  if ((${#data_dirs[@]})); then rm -rf "${data_dirs[@]}"; fi
  server_pids=()
  data_dirs=()
  server_pid=""
  data_dir=""
}

cleanup() {
  stop_server
  drop_pg_database
  if [[ -n "$bench_classes" ]]; then rm -rf "$bench_classes"; fi
}
trap cleanup EXIT

# Builds the jar if it is missing (a stale one is not rebuilt); $@: more Maven options, e.g. -Ppostgresql.
ensure_jar() {
  if [[ ! -f "$JAR" ]]; then
    ./mvnw -q -B package -DskipTests "$@"
  fi
}

# The server's JVM options: deploy/jvm.options, which the README's start command and deploy/ use (so the benchmarks
# measure what people run), then BENCH_JVM_OPTS if set (e.g. a JFR recording; a later -Xmx overrides the file's).
# Use it unquoted: java $(jvm_opts) -jar ...
jvm_opts() {
  echo "@deploy/jvm.options ${BENCH_JVM_OPTS:-}"
}

# Prints a TCP port that nothing on 127.0.0.1 listens on.
free_port() {
  local port
  while true; do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# The 1-, 5- and 15-minute load averages.
load_average() {
  cut -d' ' -f1-3 /proc/loadavg
}

# Starts the jar on port $1 with the examples off and an empty H2 database in a new temp folder (which holds its log
# either way); $2...: more environment, VAR=value, which may replace the database (see pg_env). Sets server_pid and
# data_dir. MALLOC_ARENA_MAX=2 as in the README's start command; BENCH_H2_URL_EXTRA is appended to the H2 URL (an
# experiment with H2's settings, e.g. ";PAGE_SIZE=8192").
start_server() {
  local port=$1
  shift
  data_dir=$(mktemp -d -t interlock-bench.XXXXXX)
  env QUARKUS_HTTP_PORT="$port" INTERLOCK_EXAMPLES_LOAD=false MALLOC_ARENA_MAX=2 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:h2:file:$data_dir/interlock;DB_CLOSE_ON_EXIT=FALSE${BENCH_H2_URL_EXTRA:-}" "$@" \
    java $(jvm_opts) -jar "$JAR" >"$data_dir/server.log" 2>&1 &
  server_pid=$!
  server_pids+=("$server_pid")
  data_dirs+=("$data_dir")
}

# Polls the readiness endpoint of the last server, on port $1, until it answers 200; if it stops or takes longer than
# READY_TIMEOUT_SECONDS, prints its log and returns 1.
await_ready() {
  local port=$1 deadline=$((SECONDS + READY_TIMEOUT_SECONDS))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || ((SECONDS > deadline)); then
      echo "server did not become ready; its log:" >&2
      cat "$data_dir/server.log" >&2
      if grep -q 'Driver does not support the provided URL' "$data_dir/server.log"; then
        echo "$JAR is not the build for this database: ./mvnw -q -B package -DskipTests (-Ppostgresql for" \
          "PostgreSQL)" >&2
      fi
      return 1
    fi
    sleep 0.2
  done
}

# Tells why a benchmark failed with status $1 ($2: what ran, e.g. "N=1000: "): whether the last server is still up,
# and its log's end.
report_failure() {
  local status=$1 what=${2:-} server_status=0
  echo "### ${what}benchmark failed (exit $status)" >&2
  if ! kill -0 "$server_pid" 2>/dev/null; then
    wait "$server_pid" || server_status=$?
    echo "### the server process had exited (status $server_status; 143 = SIGTERM, 137 = SIGKILL)" >&2
  fi
  echo "### last server log lines:" >&2
  tail -n 40 "$data_dir/server.log" >&2
}

# Compiles bench/harness and bench/$1.java (once per script) and runs class $1 with the arguments $2...
bench_java() {
  local name=$1
  shift
  if [[ -z "$bench_classes" ]]; then
    bench_classes=$(mktemp -d -t interlock-bench-classes.XXXXXX)
  fi
  if [[ ! -f "$bench_classes/$name.class" ]]; then
    javac -nowarn -d "$bench_classes" bench/harness/*.java "bench/$name.java"
  fi
  java -cp "$bench_classes" "$name" "$@"
}

# Runs one SQL command on the PostgreSQL server's maintenance database.
pg_admin() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -qX \
    -v ON_ERROR_STOP=1 -c "$1"
}

# Drops and creates $PG_DATABASE; it is dropped again on exit.
create_pg_database() {
  pg_admin "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)"
  pg_admin "CREATE DATABASE $PG_DATABASE"
  pg_database_created=yes
}

drop_pg_database() {
  if [[ -n "$pg_database_created" ]]; then
    pg_admin "DROP DATABASE IF EXISTS $PG_DATABASE WITH (FORCE)" || true
    pg_database_created=""
  fi
}

# The environment (for start_server) of a server on $PG_DATABASE: start_server "$port" "${pg_env[@]}".
pg_env=("QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PG_HOST:$PG_PORT/$PG_DATABASE"
  "QUARKUS_DATASOURCE_USERNAME=$PG_USER" "QUARKUS_DATASOURCE_PASSWORD=${PG_PASSWORD:-}")
