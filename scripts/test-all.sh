#!/usr/bin/env bash
# Every test Linkscope has, in one command (`npm test`): lint, types, unit + integration (Vitest), e2e
# (Playwright in Debian's Chromium against browser mode) and the Win32 suite (Windows Node under Wine).
# Each stage runs even when an earlier one failed; the last line sums them up.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
rm -f test-results/vitest.json test-results/playwright.json test-results/win32.tap .cache/win32/report.tap  # no stale results
bash scripts/install-system-deps.sh || exit 1

failed_stages=()
stage() { # stage NAME CMD...
  local name=$1; shift
  echo; echo "=== $name: $*"
  local started=$SECONDS
  if "$@"; then echo "=== $name: ok ($((SECONDS - started)) s)"; else echo "=== $name: FAILED ($((SECONDS - started)) s)"; failed_stages+=("$name"); fi
}

stage build node scripts/build.mjs
stage lint npm run -s lint
stage types npm run -s typecheck
stage vitest npx vitest run --reporter=default --reporter=json --outputFile=test-results/vitest.json
stage e2e env PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
stage win32 bash tests/win32/run.sh

echo
node scripts/sum-tests.mjs || failed_stages+=(results)
if [ ${#failed_stages[@]} -gt 0 ]; then echo "failed stages: ${failed_stages[*]}"; exit 1; fi
