import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { describe, expect, it } from 'vitest'

import { VERB_ROOTS } from '../../../electron/engine/platform/win32/shell/verb-layout'

// What the NSIS uninstaller removes, against what the app writes (verb-layout.ts), and that the include
// compiles with Debian's makensis (warnings are errors). Running it needs Windows: NSIS builds 32-bit
// installers, which this machine's 64-bit-only Wine cannot start.
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
    expect(guarded).toContain('shell32::SHChangeNotify(i 0x08000000')
  })
  it('compiles into an uninstaller with makensis, without a warning', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ls-nsis-'))
    try {
      // electron-builder's own NSIS defines isUpdated; this stands in for it (true when /updated is given).
      fs.writeFileSync(
        path.join(dir, 'uninstall.nsi'),
        [
          'Unicode true',
          '!include LogicLib.nsh',
          '!include FileFunc.nsh',
          '!macro _isUpdated _a _b _t _f',
          '  ${GetParameters} $R9',
          '  ${GetOptions} $R9 "/updated" $R8',
          '  IfErrors `${_f}` `${_t}`',
          '!macroend',
          '!define isUpdated `"" isUpdated ""`',
          `!include "${path.join(repo, pkg.build.nsis.include)}"`,
          'Name "Linkscope"',
          'OutFile "linkscope-test-installer.exe"',
          'RequestExecutionLevel user',
          'SilentInstall silent',
          'Section',
          '  SetOutPath "$TEMP"',
          '  WriteUninstaller "$TEMP\\uninstall.exe"',
          'SectionEnd',
          'Section "Uninstall"',
          '  !insertmacro customUnInstall',
          'SectionEnd',
          '',
        ].join('\n'),
      )
      const r = spawnSync('makensis', ['-WX', '-V2', 'uninstall.nsi'], { cwd: dir, encoding: 'utf8' })
      expect(r.status, r.stdout + r.stderr).toBe(0)
      expect(fs.statSync(path.join(dir, 'linkscope-test-installer.exe')).size).toBeGreaterThan(0)
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
