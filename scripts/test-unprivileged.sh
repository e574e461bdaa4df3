#!/usr/bin/env bash
# The unit and integration stages as an ordinary user, to prove they pass for someone who is not root:
# root-only tests must be skipped with their reason, never fail. Run as root after `npm ci`: the checkout
# (with node_modules and the build) is copied to a temporary folder owned by the user `nobody`, who runs
# Vitest there with a temporary HOME; the folder is removed afterwards. The last line sums the run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
USER_NAME=nobody
[ "$(id -u)" = 0 ] || { echo "test-unprivileged: run as root (it switches to $USER_NAME)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/home"
cp -a "$ROOT" "$work/linkscope"
rm -rf "$work/linkscope/test-results" "$work/linkscope/.cache"
chown -R "$USER_NAME:$(id -gn "$USER_NAME")" "$work"

as_user() { # as_user CMD... in the copy, as the user, with nothing of root's HOME or caches
  setpriv --reuid="$(id -u "$USER_NAME")" --regid="$(id -g "$USER_NAME")" --clear-groups -- \
    env -C "$work/linkscope" HOME="$work/home" npm_config_cache="$work/home/.npm" "$@"
}
echo "=== unit + integration as $USER_NAME, from $work/linkscope"
rc=0
as_user timeout 1200 npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json || rc=$?
as_user node scripts/sum-tests.mjs vitest || rc=1
echo "=== unit + integration as $USER_NAME: $([ $rc = 0 ] && echo ok || echo FAILED) ($SECONDS s)"
exit $rc
