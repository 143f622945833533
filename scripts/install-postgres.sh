#!/usr/bin/env bash
# The PostgreSQL run of the suite needs Debian's PostgreSQL server (initdb, pg_ctl) and pg_trgm,
# which ships with it. Installed only when missing.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
