#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing: chromium (e2e), wine64 (Win32 suite),
# symlinks (benchmark baseline). Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v wine >/dev/null 2>&1 || missing+=(wine64)
command -v symlinks >/dev/null 2>&1 || missing+=(symlinks)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root to install ${missing[*]} (apt-get install ${missing[*]})." >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
