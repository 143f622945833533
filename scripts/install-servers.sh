#!/usr/bin/env bash
# The servers the tests need, from Debian's packages, each installed only when missing:
# PostgreSQL (the suite's second run, with pg_trgm, which ships with it), nginx (the replicas
# test) and redis-server (the response cache's shared store). Tests start their own instances on
# loopback; nothing is left running here.
set -euo pipefail
missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/redis-server ] && [ -x /usr/bin/redis-cli ] || missing+=(redis-server)
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The packages start system-wide servers (nginx on 80, Redis on 6379); the tests need none.
for service in nginx redis-server postgresql; do
  $SUDO systemctl stop "$service" >/dev/null 2>&1 || $SUDO service "$service" stop >/dev/null 2>&1 || true
done
