#!/usr/bin/env bash
# Runs one benchmark against a server you started: bench/bench.sh NAME [options...]
# e.g. bench/bench.sh CatalogBench --base-url http://127.0.0.1:8080 --n 10000
# NAME is one of the bench/*Bench.java programs; each is compiled with bench/harness, which they share.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=bench/lib.sh
source bench/lib.sh

if [[ $# -eq 0 || ! -f "bench/${1:-}.java" ]]; then
  echo "usage: bench/bench.sh NAME [options...]   NAME: $(cd bench && ls ./*Bench.java | sed 's|^\./||; s|\.java$||' | tr '\n' ' ')" >&2
  exit 1
fi
bench_java "$@"
