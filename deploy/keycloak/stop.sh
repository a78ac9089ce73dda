#!/usr/bin/env bash
# Stops the Keycloak started by start.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [ -f .dist/keycloak.pid ]; then
  pid=$(cat .dist/keycloak.pid)
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  rm -f .dist/keycloak.pid
  echo "Keycloak stopped"
else
  echo "Keycloak is not running (no deploy/keycloak/.dist/keycloak.pid)"
fi
