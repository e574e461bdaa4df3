#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing: chromium (e2e), wine + wine64 (Win32 suite),
# symlinks, bfs and fd-find (benchmark baselines), desktop-file-utils (the Linux .desktop check), librsvg2-bin (app icons),
# nsis (the uninstaller include compiles), attr (getfattr: dedupe compares extended attributes; setfattr in its
# tests) and acl (setfacl, its tests), jdupes + rdfind + fdupes (duplicate-finding benchmark baselines).
# Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Debian splits Wine: wine64 is the 64-bit loader, wine the `wine` command that the Win32 suite runs.
command -v wine >/dev/null 2>&1 || missing+=(wine wine64)
command -v symlinks >/dev/null 2>&1 || missing+=(symlinks)
command -v bfs >/dev/null 2>&1 || missing+=(bfs)
command -v fdfind >/dev/null 2>&1 || missing+=(fd-find)
command -v setpriv >/dev/null 2>&1 || missing+=(util-linux)
command -v desktop-file-validate >/dev/null 2>&1 || missing+=(desktop-file-utils)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
command -v makensis >/dev/null 2>&1 || missing+=(nsis)
command -v getfattr >/dev/null 2>&1 || missing+=(attr)
command -v setfacl >/dev/null 2>&1 || missing+=(acl)
command -v jdupes >/dev/null 2>&1 || missing+=(jdupes)
command -v rdfind >/dev/null 2>&1 || missing+=(rdfind)
command -v fdupes >/dev/null 2>&1 || missing+=(fdupes)
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
