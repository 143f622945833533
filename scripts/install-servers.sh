#!/usr/bin/env bash
# The servers the suite's second half needs, from Debian's packages, each installed only when
# missing: PostgreSQL (the suite's second run, with pg_trgm, which ships with it) and nginx (the
# replicas test). Tests start their own instances on loopback; nothing is started here.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
