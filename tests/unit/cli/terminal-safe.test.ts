import { spawnSync } from 'node:child_process'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { controlSafe, terminalSafe } from '../../../electron/cli/format'
import { CLI } from '../../helpers/built'

describe('text from file names never drives the terminal', () => {
  it.each([
    ['ESC (escape sequences)', 'x\u001b]0;PWNED\u0007\u001b[2J', 'x\\x1B]0;PWNED\\x07\\x1B[2J'],
    ['DEL', 'a\u007fb', 'a\\x7Fb'],
    ['C1 controls (CSI)', 'a\u009b31mb', 'a\\u009B31mb'],
    ['bidi overrides and isolates', 'evil\u202egnp.exe\u2066', 'evil\\u202Egnp.exe\\u2066'],
    ['newline and tab', 'one\ntwo\tthree', 'one\\ntwo\\tthree'],
  ])('escapes %s', (_what, raw, shown) => {
    expect(controlSafe(raw)).toBe(shown)
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(terminalSafe(raw)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
  })

  it('leaves ordinary text, accents and other scripts as they are', () => {
    expect(controlSafe('Rapport final – été 2026 / 文件.txt')).toBe('Rapport final – été 2026 / 文件.txt')
  })

  it('a failure about such a name reaches stderr escaped', () => {
    const name = path.join('/nonexistent-linkscope', 'x\u001b]0;PWNED\u0007\u001b[31mred')
    const r = spawnSync(process.execPath, [CLI, 'rm-link', name], { encoding: 'utf8' })
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('x\\x1B]0;PWNED\\x07\\x1B[31mred')
    expect(r.stderr).not.toContain('\u001b')
    expect(r.stderr).not.toContain('\u0007')
  })
})
