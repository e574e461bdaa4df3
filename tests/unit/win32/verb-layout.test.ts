/** The Explorer verbs' registry layout: which keys, which values, and command lines that parse back. */
import { describe, expect, it } from 'vitest'

import { splitCommandLine } from '../../../electron/engine/platform/win32/shell/command-line'
import {
  CASCADE_KEY,
  commandKeys,
  explorerVerbLayout,
  VERB_ROOTS,
} from '../../../electron/engine/platform/win32/shell/verb-layout'
import { parseLaunchArgs } from '../../../electron/main/launch-args'

const EXE = 'C:\\Program Files\\Linkscope\\Linkscope.exe'
const layout = explorerVerbLayout({ exe: EXE })
const byKey = new Map(layout.map((k) => [k.key, k.values]))

describe('explorerVerbLayout', () => {
  it('writes exactly these keys under HKCU\\Software\\Classes', () => {
    expect(layout.map((k) => k.key.replace('Software\\Classes\\', ''))).toEqual([
      '*\\shell\\Linkscope.Pick',
      '*\\shell\\Linkscope.Pick\\command',
      'Directory\\shell\\Linkscope.Pick',
      'Directory\\shell\\Linkscope.Pick\\command',
      'Directory\\shell\\Linkscope.DropAs',
      'Directory\\Background\\shell\\Linkscope.DropAs',
      'Linkscope.DropAs',
      'Linkscope.DropAs\\shell',
      'Linkscope.DropAs\\shell\\1-hardlink',
      'Linkscope.DropAs\\shell\\1-hardlink\\command',
      'Linkscope.DropAs\\shell\\2-symlink',
      'Linkscope.DropAs\\shell\\2-symlink\\command',
      'Linkscope.DropAs\\shell\\3-junction',
      'Linkscope.DropAs\\shell\\3-junction\\command',
      '*\\shell\\Linkscope.Show',
      '*\\shell\\Linkscope.Show\\command',
      'Directory\\shell\\Linkscope.Show',
      'Directory\\shell\\Linkscope.Show\\command',
      'Directory\\Background\\shell\\Linkscope.Show',
      'Directory\\Background\\shell\\Linkscope.Show\\command',
      'Drive\\shell\\Linkscope.DropAs',
      'Drive\\shell\\Linkscope.Show',
      'Drive\\shell\\Linkscope.Show\\command',
    ])
    expect(layout.every((k) => k.key.startsWith('Software\\Classes\\'))).toBe(true)
  })

  it('labels each verb, and the two "Drop here as" parents open the shared cascade', () => {
    // Pick takes a selection of up to 100 items (the default model hides a verb past 15)
    expect(byKey.get('Software\\Classes\\*\\shell\\Linkscope.Pick')).toEqual({
      MUIVerb: 'Pick as link source',
      Icon: `"${EXE}",0`,
      MultiSelectModel: 'Player',
    })
    expect(byKey.get('Software\\Classes\\Directory\\shell\\Linkscope.Pick')?.MultiSelectModel).toBe('Player')
    for (const parent of ['Directory\\shell', 'Directory\\Background\\shell', 'Drive\\shell']) {
      expect(byKey.get(`Software\\Classes\\${parent}\\Linkscope.DropAs`)).toEqual({
        MUIVerb: 'Drop here as',
        Icon: `"${EXE}",0`,
        ExtendedSubCommandsKey: CASCADE_KEY,
        MultiSelectModel: 'Single',
      })
    }
    expect(
      ['1-hardlink', '2-symlink', '3-junction'].map(
        (k) => byKey.get(`Software\\Classes\\Linkscope.DropAs\\shell\\${k}`)?.MUIVerb,
      ),
    ).toEqual(['Hard link', 'Symbolic link', 'Junction'])
    expect(byKey.get('Software\\Classes\\Directory\\Background\\shell\\Linkscope.Show')?.MUIVerb).toBe(
      'Show in Linkscope',
    )
  })

  it('puts parents before children, and every key under a root that removal deletes', () => {
    layout.forEach((k, i) => {
      const parent = k.key.slice(0, k.key.lastIndexOf('\\'))
      const parentIndex = layout.findIndex((p) => p.key === parent)
      if (parentIndex >= 0) expect(parentIndex).toBeLessThan(i)
      expect(VERB_ROOTS.some((r) => k.key === r || k.key.startsWith(`${r}\\`))).toBe(true)
    })
    // Removal deletes only Linkscope's own keys, never a shared "shell" key.
    expect(VERB_ROOTS.every((r) => /\\Linkscope\.(Pick|DropAs|Show)$/.test(r))).toBe(true)
  })

  it('stores command lines that Windows splits back into what parseLaunchArgs expects', () => {
    const folder = 'C:\\Users\\me\\My Links'
    const file = 'C:\\Users\\me\\My Links\\report (final).txt'
    const parsed = commandKeys(layout).map(({ key, values }) => {
      const cmd = values[''] ?? ''
      const argv = splitCommandLine(cmd.replace('%1', key.includes('\\*\\') ? file : folder).replace('%V', folder))
      expect(argv[0]).toBe(EXE)
      return parseLaunchArgs(argv.slice(1))
    })
    expect(parsed).toEqual([
      { kind: 'pick', paths: [file] },
      { kind: 'pick', paths: [folder] },
      { kind: 'drop', as: 'hardlink', dir: folder },
      { kind: 'drop', as: 'symlink', dir: folder },
      { kind: 'drop', as: 'junction', dir: folder },
      { kind: 'show', path: file },
      { kind: 'show', path: folder },
      { kind: 'show', path: folder },
      { kind: 'show', path: folder },
    ])
    // folders and drives get %V, the documented folder parameter; files %1
    expect(byKey.get('Software\\Classes\\Directory\\shell\\Linkscope.Pick\\command')).toEqual({
      '': `"${EXE}" --pick "%V"`,
    })
    expect(byKey.get('Software\\Classes\\Drive\\shell\\Linkscope.Show\\command')).toEqual({
      '': `"${EXE}" --show "%V"`,
    })
    expect(byKey.get('Software\\Classes\\Directory\\Background\\shell\\Linkscope.Show\\command')).toEqual({
      '': `"${EXE}" --show "%V"`,
    })
    expect(byKey.get('Software\\Classes\\*\\shell\\Linkscope.Pick\\command')).toEqual({ '': `"${EXE}" --pick "%1"` })
    for (const [key, values] of byKey) {
      if (!key.endsWith('\\command')) continue
      expect(values[''], key).toMatch(key.startsWith('Software\\Classes\\*\\') ? /"%1"$/ : /"%V"$/)
    }
  })

  it('in development puts the app folder (quoted, trailing backslash kept) before the switches', () => {
    const dev = explorerVerbLayout({ exe: 'C:\\n\\electron.exe', args: ['C:\\src\\my app\\'] })
    const cmd = dev.find((k) => k.key.endsWith('1-hardlink\\command'))?.values[''] ?? ''
    expect(cmd).toBe('"C:\\n\\electron.exe" "C:\\src\\my app\\\\" --drop-as hardlink "%V"')
    expect(splitCommandLine(cmd.replace('%V', 'D:\\x'))).toEqual([
      'C:\\n\\electron.exe',
      'C:\\src\\my app\\',
      '--drop-as',
      'hardlink',
      'D:\\x',
    ])
  })
})
