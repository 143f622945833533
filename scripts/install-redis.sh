#!/usr/bin/env bash
# Installs Debian's redis-server, which the response cache's shared-store tests start (on a free
# loopback port, in a temporary folder) and stop themselves. Skips the install when it is there.
set -euo pipefail
if [ -x /usr/bin/redis-server ] && [ -x /usr/bin/redis-cli ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null
# The package starts a system-wide server on 6379; the tests need none, so it is stopped again.
$SUDO systemctl stop redis-server >/dev/null 2>&1 || $SUDO service redis-server stop >/dev/null 2>&1 || true
