#!/usr/bin/env bash
# Installs what the explorer's browser test needs from Debian's packages: chromium, and a CJK
# font so Chinese renders in screenshots. Skips the install when both are already there.
set -euo pipefail
if command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-wqy-zenhei >/dev/null
