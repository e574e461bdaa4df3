/**
 * Explorer verbs in the real (Wine or Windows) registry under HKCU: written, read back, their command
 * lines split by Windows' own CommandLineToArgvW and parsed by the app's parseLaunchArgs, then removed
 * without touching anyone else's keys. Also SHChangeNotify, which must be a harmless call.
 */
import * as assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'

import {
  ERROR_FILE_NOT_FOUND,
  HKEY_CURRENT_USER,
  KEY_READ,
  KEY_WRITE,
  registry,
} from '../../electron/engine/platform/win32/bindings/registry'
import {
  SHCNE_ASSOCCHANGED,
  SHCNE_UPDATEDIR,
  SHCNF_FLUSHNOWAIT,
  SHCNF_IDLIST,
  SHCNF_PATHW,
  shell32,
} from '../../electron/engine/platform/win32/bindings/shell32'
import { repairShellPath, splitCommandLine } from '../../electron/engine/platform/win32/shell/command-line'
import {
  installExplorerVerbs,
  readExplorerVerbs,
  removeExplorerVerbs,
} from '../../electron/engine/platform/win32/shell/explorer-verbs'
import { notifyAssociationsChanged, notifyShellChanged } from '../../electron/engine/platform/win32/shell/shell-notify'
import {
  commandKeys,
  explorerVerbLayout,
  VERB_ROOTS,
  type VerbCommand,
} from '../../electron/engine/platform/win32/shell/verb-layout'
import { parseLaunchArgs } from '../../electron/main/launch-args'

const APP: VerbCommand = { exe: 'C:\\Program Files\\Linkscope Test\\Linkscope.exe' }
// Development: electron.exe with the app folder first; the folder ends in a backslash on purpose.
const DEV: VerbCommand = { exe: 'C:\\dev tools\\electron.exe', args: ['C:\\src\\linkscope app\\'] }
const NEIGHBOUR = 'Software\\Classes\\*\\shell\\SomeoneElsesVerb'

function keyExists(key: string): boolean {
  const r = registry().RegOpenKeyExW(HKEY_CURRENT_USER, key, KEY_READ)
  if (r.err === 0) registry().RegCloseKey(r.ret)
  else assert.equal(r.err, ERROR_FILE_NOT_FOUND, `open ${key}`)
  return r.err === 0
}

function defaultValue(key: string): string | null {
  const r = registry().RegOpenKeyExW(HKEY_CURRENT_USER, key, KEY_READ)
  if (r.err !== 0) return null
  try {
    return registry().RegQueryStringW(r.ret, '').ret
  } finally {
    registry().RegCloseKey(r.ret)
  }
}

/** What the program gets when Explorer runs `command` for `path`: Windows' own split, minus the program. */
function argvFor(command: string, path: string): string[] {
  const line = command.replace('%1', path).replace('%V', path)
  const split = shell32().CommandLineToArgvW(line)
  assert.ok(split.ret, `CommandLineToArgvW failed with ${split.err}`)
  assert.deepEqual(splitCommandLine(line), split.ret, 'the pure splitter agrees with Windows')
  return split.ret.slice(1)
}

describe('Explorer verbs in HKCU', () => {
  before(() => {
    removeExplorerVerbs()
    const made = registry().RegCreateKeyExW(HKEY_CURRENT_USER, NEIGHBOUR, KEY_WRITE)
    assert.equal(made.err, 0)
    registry().RegSetStringW(made.ret, 'MUIVerb', 'not ours')
    registry().RegCloseKey(made.ret)
  })
  after(() => {
    removeExplorerVerbs()
    registry().RegDeleteTreeW(HKEY_CURRENT_USER, NEIGHBOUR)
  })

  test('install writes every key and value; reading back says installed', () => {
    assert.equal(readExplorerVerbs(APP).state, 'absent')
    installExplorerVerbs(APP)
    const read = readExplorerVerbs(APP)
    assert.equal(read.state, 'installed')
    const layout = explorerVerbLayout(APP)
    assert.equal(read.keys.length, layout.length)
    for (const [i, k] of layout.entries()) assert.deepEqual(read.keys[i], { key: k.key, values: { ...k.values } })
    // Checked with a raw read too, not only through the module under test.
    assert.equal(
      defaultValue('Software\\Classes\\*\\shell\\Linkscope.Pick\\command'),
      '"C:\\Program Files\\Linkscope Test\\Linkscope.exe" --pick "%1"',
    )
    assert.equal(
      defaultValue('Software\\Classes\\Linkscope.DropAs\\shell\\3-junction\\command'),
      '"C:\\Program Files\\Linkscope Test\\Linkscope.exe" --drop-as junction "%V"',
    )
    assert.equal(readExplorerVerbs({ exe: 'D:\\Elsewhere\\Linkscope.exe' }).state, 'other-app')
  })

  test('each stored command line, split by Windows, parses back to the verb it stands for', () => {
    installExplorerVerbs(APP)
    const file = 'C:\\users\\Public\\My Documents\\a "b" c.txt'.replace(/"/g, '') // Windows names have no quotes
    const folder = 'C:\\users\\Public\\Link Targets'
    const parsed = commandKeys(explorerVerbLayout(APP)).map(({ key }) => {
      const stored = defaultValue(key)
      assert.ok(stored, `${key} has a command`)
      const target = stored.includes('%V') ? folder : key.includes('\\*\\') ? file : folder
      return [key.replace(/^Software\\Classes\\/, ''), parseLaunchArgs(argvFor(stored, target))] as const
    })
    assert.deepEqual(Object.fromEntries(parsed), {
      '*\\shell\\Linkscope.Pick\\command': { kind: 'pick', paths: [file] },
      'Directory\\shell\\Linkscope.Pick\\command': { kind: 'pick', paths: [folder] },
      'Linkscope.DropAs\\shell\\1-hardlink\\command': { kind: 'drop', as: 'hardlink', dir: folder },
      'Linkscope.DropAs\\shell\\2-symlink\\command': { kind: 'drop', as: 'symlink', dir: folder },
      'Linkscope.DropAs\\shell\\3-junction\\command': { kind: 'drop', as: 'junction', dir: folder },
      '*\\shell\\Linkscope.Show\\command': { kind: 'show', path: file },
      'Directory\\shell\\Linkscope.Show\\command': { kind: 'show', path: folder },
      'Directory\\Background\\shell\\Linkscope.Show\\command': { kind: 'show', path: folder },
      'Drive\\shell\\Linkscope.Show\\command': { kind: 'show', path: folder },
    })
  })

  test('development command lines (electron.exe + app folder ending in \\) parse the same', () => {
    installExplorerVerbs(DEV)
    assert.equal(readExplorerVerbs(DEV).state, 'installed')
    const stored = defaultValue('Software\\Classes\\Linkscope.DropAs\\shell\\1-hardlink\\command') ?? ''
    const argv = argvFor(stored, 'C:\\users\\Public')
    assert.equal(argv[0], 'C:\\src\\linkscope app\\')
    assert.deepEqual(parseLaunchArgs(argv.slice(1)), { kind: 'drop', as: 'hardlink', dir: 'C:\\users\\Public' })
  })

  test('"%V" on a drive root reaches the program as C:" (Windows quoting); the app\'s parser restores C:\\', () => {
    installExplorerVerbs(APP)
    const stored = defaultValue('Software\\Classes\\Linkscope.DropAs\\shell\\2-symlink\\command') ?? ''
    const argv = argvFor(stored, 'C:\\')
    assert.equal(argv[argv.length - 1], 'C:"') // what Windows hands over
    assert.equal(repairShellPath('C:"'), 'C:\\')
    assert.deepEqual(parseLaunchArgs(argv), { kind: 'drop', as: 'symlink', dir: 'C:\\' })
  })

  test('a half-removed install reads as partial', () => {
    installExplorerVerbs(APP)
    assert.equal(
      registry().RegDeleteTreeW(HKEY_CURRENT_USER, 'Software\\Classes\\Linkscope.DropAs\\shell\\2-symlink').err,
      0,
    )
    assert.equal(readExplorerVerbs(APP).state, 'partial')
  })

  test('remove deletes every Linkscope key and nothing else, and may run twice', () => {
    installExplorerVerbs(APP)
    removeExplorerVerbs()
    for (const key of VERB_ROOTS) assert.equal(keyExists(key), false, key)
    assert.equal(readExplorerVerbs(APP).state, 'absent')
    assert.equal(keyExists(NEIGHBOUR), true, "another program's verb stays")
    assert.equal(keyExists('Software\\Classes\\Directory\\shell'), true, 'the shared shell key stays')
    removeExplorerVerbs()
  })

  test("the pure splitter agrees with CommandLineToArgvW on Microsoft's examples and on quoted paths", () => {
    const lines = [
      'p "a b c" d e',
      'p a"b"" c d',
      'p "a""b"',
      'p """x"""',
      'p "ab\\"c" "\\\\" d',
      'p a\\\\\\b d"e f"g h',
      'p a\\\\\\"b c d',
      'p a\\\\\\\\"b c" d e',
      '"C:\\Program Files\\x.exe" "C:\\dir with space\\\\" --pick "C:\\a b.txt"',
      '"C:\\x.exe"\t"tab" x',
    ]
    for (const line of lines) assert.deepEqual(splitCommandLine(line), shell32().CommandLineToArgvW(line).ret, line)
  })

  test('an install over a stale one (an old extra key) ends up exactly as the layout says', () => {
    installExplorerVerbs(APP)
    const stale = registry().RegCreateKeyExW(
      HKEY_CURRENT_USER,
      'Software\\Classes\\Linkscope.DropAs\\shell\\9-old-verb',
      KEY_WRITE,
    )
    assert.equal(stale.err, 0)
    registry().RegCloseKey(stale.ret)
    installExplorerVerbs(DEV)
    assert.equal(keyExists('Software\\Classes\\Linkscope.DropAs\\shell\\9-old-verb'), false)
    assert.equal(readExplorerVerbs(DEV).state, 'installed')
  })

  test('SHChangeNotify binds and returns (under Wine without effect), raw and through the never-throwing wrapper', () => {
    // The raw call throws if the declaration or the string marshalling is wrong; the wrappers never do.
    shell32().SHChangeNotify(SHCNE_ASSOCCHANGED, SHCNF_IDLIST | SHCNF_FLUSHNOWAIT, null, null)
    shell32().SHChangeNotify(SHCNE_UPDATEDIR, SHCNF_PATHW | SHCNF_FLUSHNOWAIT, 'C:\\users', null)
    notifyAssociationsChanged()
    notifyShellChanged('C:\\users', 'updatedir')
    notifyShellChanged('\\\\?\\C:\\users\\nothing-here', 'create')
  })
})
