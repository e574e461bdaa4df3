// Adds up what every runner reported (Vitest JSON, Playwright JSON, the Win32 node:test summary) into
// the one closing line CI reads: "tests: N passed, N failed, N skipped". Skipped tests are listed
// above it under their reasons (tests that need root say so when run by anyone else). Given runner
// names (`node scripts/sum-tests.mjs vitest`), it sums only those and says so in the closing line.
import { existsSync, readFileSync } from 'node:fs'
import * as path from 'node:path'

let passed = 0,
  failed = 0,
  skipped = 0
const lines = []
const skips = new Map() // reason → the tests skipped for it
const skip = (reason = 'no reason given', name) => skips.set(reason, [...(skips.get(reason) ?? []), name])
const only = process.argv.slice(2)
const wanted = (runner) => only.length === 0 || only.includes(runner)

if (!wanted('vitest')) {
  /* not summed */
} else if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  passed += v.numPassedTests
  failed += v.numFailedTests
  skipped += v.numPendingTests + (v.numTodoTests ?? 0)
  lines.push(`vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed`)
  for (const file of v.testResults) {
    for (const t of file.assertionResults) {
      if (['skipped', 'pending', 'todo'].includes(t.status))
        skip(t.meta?.skipReason, [path.relative('.', file.name), ...t.ancestorTitles, t.title].join(' > '))
    }
  }
} else {
  failed++
  lines.push('vitest: no results')
}

if (!wanted('e2e')) {
  /* not summed */
} else if (existsSync('test-results/playwright.json')) {
  const report = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'))
  const s = report.stats
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'skipped') continue
        const notes = [...(t.annotations ?? []), ...t.results.flatMap((r) => r.annotations ?? [])]
        skip(notes.find((a) => a.type === 'skip')?.description, [...titles, spec.title].join(' > '))
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title])
  }
  for (const suite of report.suites ?? []) walk(suite, [`tests/e2e/${suite.file ?? suite.title}`])
  passed += s.expected
  failed += s.unexpected + s.flaky
  skipped += s.skipped
  lines.push(`e2e: ${s.expected} passed, ${s.unexpected + s.flaky} failed`)
} else {
  failed++
  lines.push('e2e: no results')
}

// tests/win32/run.sh leaves node:test's TAP summary ("# pass N", "# fail N") in one of these files.
const win32 = ['test-results/win32.tap', '.cache/win32/report.tap'].find((f) => existsSync(f))
if (!wanted('win32')) {
  /* not summed */
} else if (win32) {
  const tap = readFileSync(win32, 'utf8')
  const count = (k) =>
    Number(/^# (\w+) (\d+)$/m.test(tap) ? (tap.match(new RegExp(`^# ${k} (\\d+)$`, 'm'))?.[1] ?? 0) : 0)
  passed += count('pass')
  failed += count('fail')
  skipped += count('skipped') + count('todo')
  lines.push(`win32 (Wine): ${count('pass')} passed, ${count('fail')} failed`)
  for (const m of tap.matchAll(/^\s*ok \d+ - (.*?) # SKIP ?(.*)$/gm)) skip(m[2] || undefined, `tests/win32 > ${m[1]}`)
} else {
  failed++
  lines.push('win32: no results')
}

for (const [reason, names] of skips) {
  console.log(`skipped, ${reason}:`)
  for (const n of names) console.log(`  - ${n}`)
}
for (const l of lines) console.log(`  ${l}`)
console.log(
  `tests${only.length ? ` (${only.join(', ')} only)` : ''}: ${passed} passed, ${failed} failed, ${skipped} skipped`,
)
process.exitCode = failed > 0 ? 1 : 0
