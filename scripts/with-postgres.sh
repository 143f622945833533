#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server (scripts/postgres.sh) on loopback, its admin
# URL in TEST_DATABASE_URL; the server is stopped and its folder removed however the command ends.
#   bash scripts/with-postgres.sh npx turbo run test
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="$(mktemp -d "${TMPDIR:-/tmp}/hsg-postgres-XXXXXX")"
trap 'bash "$here/postgres.sh" stop "$dir"' EXIT
TEST_DATABASE_URL="$(bash "$here/postgres.sh" start "$dir")"
export TEST_DATABASE_URL
echo "with-postgres: PostgreSQL on ${TEST_DATABASE_URL}" >&2
"$@"
