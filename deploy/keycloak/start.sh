#!/usr/bin/env bash
# Starts a real Keycloak on 127.0.0.1:8180 with the "interlock" realm imported; returns when it is ready.
# The distribution is fetched through Maven the first time (about 160 MB) into deploy/keycloak/.dist/.
# Demo only: start-dev, HTTP, the admin console's admin/admin, the clients' secrets in interlock-realm.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
readonly VERSION=26.5.6
readonly DIST=".dist/keycloak-$VERSION"
readonly URL="http://127.0.0.1:8180/realms/interlock/.well-known/openid-configuration"

if curl -fsS -o /dev/null "$URL" 2>/dev/null; then
  echo "Keycloak is already running: http://127.0.0.1:8180 (realm interlock)"
  exit 0
fi
if [ ! -x "$DIST/bin/kc.sh" ]; then
  mkdir -p .dist
  ../../mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.keycloak:keycloak-quarkus-dist:$VERSION:zip" -DoutputDirectory=.dist
  unzip -q -o ".dist/keycloak-quarkus-dist-$VERSION.zip" -d .dist
fi
mkdir -p "$DIST/data/import"
cp interlock-realm.json "$DIST/data/import/"
KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
  nohup "$DIST/bin/kc.sh" start-dev --http-port=8180 --http-host=127.0.0.1 \
  --hostname=http://127.0.0.1:8180 --import-realm >.dist/keycloak.log 2>&1 &
echo $! >.dist/keycloak.pid
for _ in $(seq 1 180); do
  if curl -fsS -o /dev/null "$URL" 2>/dev/null; then
    echo "Keycloak is ready: http://127.0.0.1:8180 (realm interlock; admin console admin/admin)"
    exit 0
  fi
  if ! kill -0 "$(cat .dist/keycloak.pid)" 2>/dev/null; then
    echo "Keycloak stopped during start; its log:" >&2
    tail -n 40 .dist/keycloak.log >&2
    exit 1
  fi
  sleep 1
done
echo "Keycloak did not become ready within 180 s; see deploy/keycloak/.dist/keycloak.log" >&2
exit 1
