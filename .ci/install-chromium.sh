#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests (dev.interlock.browser.*).
# Idempotent: does nothing when /usr/bin/chromium and /usr/bin/chromedriver are already there.
# Needs root (CI runs as root). Usage: .ci/install-chromium.sh
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-chromium.sh: must run as root (or with sudo available)" >&2; exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null

/usr/bin/chromium --version
/usr/bin/chromedriver --version
