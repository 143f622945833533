#!/usr/bin/env bash
# Runs a command and prints how long it took, so the test suites report their own clock
# (`npm test`, `npm run test:postgres`): `bash scripts/timed.sh <label> <command…>`.
set -uo pipefail
label="$1"
shift
start=$SECONDS
"$@"
rc=$?
elapsed=$((SECONDS - start))
echo "${label}: $((elapsed / 60)) min $((elapsed % 60)) s (exit ${rc})" >&2
exit $rc
