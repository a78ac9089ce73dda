#!/usr/bin/env bash
# Scoring benchmark against a fresh server: bench/scores.sh [N]   (default 10000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib.sh
source bench/lib.sh
n=${1:-10000}
ensure_jar
port=$(free_port)
start_server "$port"
await_ready "$port"
bench_java ScoreBench --base-url "http://127.0.0.1:$port" --n "$n"
