import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, expect, it } from 'vitest'
import { VERB_ROOTS } from '../../../electron/engine/platform/win32/shell/verb-layout'

// What the NSIS uninstaller removes, against what the app writes (verb-layout.ts). NSIS itself cannot
// be checked here without a Windows registry to run it on.
const repo = path.resolve(__dirname, '..', '..', '..')
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'))
const nsh = fs.readFileSync(path.join(repo, pkg.build.nsis.include), 'utf8')

describe('the NSIS uninstaller', () => {
  it('removes every Explorer verb root the app writes, and nothing else, unless it is an update', () => {
    const macro = /!macro customUnInstall\n([\s\S]*?)!macroend/.exec(nsh)?.[1] ?? ''
    const guarded = /\$\{ifNot\} \$\{isUpdated\}\n([\s\S]*?)\$\{endIf\}/.exec(macro)?.[1] ?? ''
    const deleted = [...guarded.matchAll(/^\s*DeleteRegKey HKCU "([^"]+)"$/gm)].map((m) => m[1])
    expect(deleted).toEqual([...VERB_ROOTS])
    expect(nsh.match(/DeleteRegKey/g)).toHaveLength(VERB_ROOTS.length) // none outside the guard
    expect(nsh).not.toMatch(/HKLM|DeleteRegKey \/ifempty|DeleteRegKey HKCU "Software\\Classes"\s*$/m)
    expect(guarded).toContain("shell32::SHChangeNotify(i 0x08000000")
  })
})
