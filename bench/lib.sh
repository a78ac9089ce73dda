# Shared by the bench/*.sh scripts (sourced after they cd to the project): the server's process and data folder,
# stopped and removed on exit, and a free port to start it on.

server_pid=""
data_dir=""

# Stops the server started by the script and removes its data folder.
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
  if [[ -n "$data_dir" ]]; then
    rm -rf "$data_dir"
    data_dir=""
  fi
}
trap stop_server EXIT

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
