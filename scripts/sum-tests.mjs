// Adds up what every runner reported (Vitest JSON, Playwright JSON, the Win32 node:test summary) into
// the one closing line CI reads: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs'

let passed = 0, failed = 0, skipped = 0
const lines = []

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests; failed += v.numFailedTests; skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`)
} else { failed++; lines.push('vitest: no results') }

if (existsSync('test-results/playwright.json')) {
  const s = JSON.parse(readFileSync('test-results/playwright.json', 'utf8')).stats
  passed += s.expected; failed += s.unexpected + s.flaky; skipped += s.skipped
  lines.push(`e2e: ${s.expected} passed, ${s.unexpected + s.flaky} failed`)
} else { failed++; lines.push('e2e: no results') }

// tests/win32/run.sh leaves node:test's TAP summary ("# pass N", "# fail N") in one of these files.
const win32 = ['test-results/win32.tap', '.cache/win32/report.tap'].find((f) => existsSync(f))
if (win32) {
  const tap = readFileSync(win32, 'utf8')
  const count = (k) => Number(/^# (\w+) (\d+)$/m.test(tap) ? (tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0) : 0)
  passed += count('pass'); failed += count('fail'); skipped += count('skipped') + count('todo')
  lines.push(`win32 (Wine): ${count('pass')} passed, ${count('fail')} failed`)
} else { failed++; lines.push('win32: no results') }

for (const l of lines) console.log(`  ${l}`)
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 ? 1 : 0
