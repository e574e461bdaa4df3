// Opening the file manager and a terminal: real programs started from PATH, here stand-ins that record
// their arguments and working folder, so the exact argv (never a shell line) is checked.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  fileManagerLaunch,
  findOnPath,
  openInFileManager,
  openInTerminal,
  startDetached,
  terminalLaunch,
} from '../../../electron/engine/service/open-outside'
import { decodeNameBytes } from '../../../shared/names'
import { recordedArgs } from '../../helpers/recorded-argv'

let tmp: string
let bin: string
let record: string
const oldPath = process.env.PATH

/** A stand-in program: writes its folder and each argument on a line of `record`. */
function standIn(name: string): void {
  fs.writeFileSync(
    path.join(bin, name),
    `#!/bin/sh\n{ pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > '${record}.tmp' && mv '${record}.tmp' '${record}'\n`,
    { mode: 0o755 },
  )
}

const recorded = (): Promise<string[]> => recordedArgs(record)

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-open-')))
  bin = path.join(tmp, 'bin')
  fs.mkdirSync(bin)
  record = path.join(tmp, 'argv.txt')
  fs.mkdirSync(path.join(tmp, 'tree'))
  fs.writeFileSync(path.join(tmp, 'tree', 'a "quoted"; $(touch pwned) name.txt'), 'x')
})
afterAll(() => {
  process.env.PATH = oldPath
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('the file manager', () => {
  it('runs xdg-open from PATH on the folder that holds the entry, the name as one argument with nothing run from it', async () => {
    standIn('xdg-open')
    process.env.PATH = `${bin}:${oldPath ?? ''}`
    const file = path.join(tmp, 'tree', 'a "quoted"; $(touch pwned) name.txt')
    await openInFileManager(file)
    expect(await recorded()).toEqual([path.join(tmp, 'tree'), path.join(tmp, 'tree')])
    expect(fs.existsSync(path.join(tmp, 'tree', 'pwned'))).toBe(false)
    expect(fs.existsSync('pwned')).toBe(false)
  })

  it('is NO_FILE_MANAGER when xdg-open is nowhere on PATH; NOT_FOUND for a path that is gone; a relative path is refused', () => {
    const host = { platform: 'linux' as const, env: { PATH: path.join(tmp, 'empty-bin') } }
    expect(() => fileManagerLaunch(path.join(tmp, 'tree'), host)).toThrow(
      expect.objectContaining({ code: 'NO_FILE_MANAGER' }),
    )
    expect(() => fileManagerLaunch(path.join(tmp, 'nothing-here'), host)).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    )
    expect(() => fileManagerLaunch('tree', host)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }))
  })

  it('selects the entry in Explorer and Finder, by argument', () => {
    const p = path.join(tmp, 'tree')
    expect(fileManagerLaunch(p, { platform: 'win32', env: {} })).toMatchObject({
      exe: 'explorer.exe',
      args: [`/select,${p}`],
    })
    expect(fileManagerLaunch(p, { platform: 'darwin', env: {} })).toMatchObject({
      exe: '/usr/bin/open',
      args: ['-R', p],
    })
  })

  it('refuses a name that is not UTF-8 (no argument can carry it) with INVALID_NAME', () => {
    const raw = path.join(tmp, decodeNameBytes(Buffer.from([0x66, 0xff])))
    expect(() => fileManagerLaunch(raw, { platform: 'linux', env: { PATH: bin } })).toThrow(
      expect.objectContaining({ code: 'INVALID_NAME' }),
    )
  })
})

describe('the terminal', () => {
  it('starts x-terminal-emulator in the folder (a file: its folder), with no arguments', async () => {
    standIn('x-terminal-emulator')
    standIn('xterm')
    process.env.PATH = `${bin}:${oldPath ?? ''}`
    await openInTerminal(path.join(tmp, 'tree'))
    expect(await recorded()).toEqual([path.join(tmp, 'tree')])
    await openInTerminal(path.join(tmp, 'tree', 'a "quoted"; $(touch pwned) name.txt'))
    expect(await recorded()).toEqual([path.join(tmp, 'tree')])
  })

  it('falls back to the next terminal it knows, and is NO_TERMINAL when there is none', () => {
    const only = path.join(tmp, 'only-xterm')
    fs.mkdirSync(only)
    fs.copyFileSync(path.join(bin, 'xterm'), path.join(only, 'xterm'))
    fs.chmodSync(path.join(only, 'xterm'), 0o755)
    expect(terminalLaunch(path.join(tmp, 'tree'), { platform: 'linux', env: { PATH: only } }).exe).toBe(
      path.join(only, 'xterm'),
    )
    expect(() =>
      terminalLaunch(path.join(tmp, 'tree'), { platform: 'linux', env: { PATH: path.join(tmp, 'empty-bin') } }),
    ).toThrow(expect.objectContaining({ code: 'NO_TERMINAL' }))
  })

  it('a file on PATH that is not executable is not a terminal', () => {
    const notExe = path.join(tmp, 'not-exe')
    fs.mkdirSync(notExe)
    fs.writeFileSync(path.join(notExe, 'x-terminal-emulator'), '#!/bin/sh\n', { mode: 0o644 })
    expect(findOnPath(['x-terminal-emulator'], { platform: 'linux', env: { PATH: notExe } })).toBeUndefined()
  })

  it('Terminal on macOS and Windows Terminal (else cmd.exe) on Windows, the folder as an argument', () => {
    const p = path.join(tmp, 'tree')
    expect(terminalLaunch(p, { platform: 'darwin', env: {} })).toMatchObject({
      exe: '/usr/bin/open',
      args: ['-a', 'Terminal', p],
    })
    expect(
      terminalLaunch(p, { platform: 'win32', env: { ComSpec: 'C:\\Windows\\system32\\cmd.exe', PATH: '' } }),
    ).toMatchObject({ exe: 'C:\\Windows\\system32\\cmd.exe', args: [], cwd: p })
  })

  it('a program that cannot start rejects (it does not hang)', async () => {
    await expect(startDetached({ exe: path.join(tmp, 'no-such-program'), args: [], cwd: tmp })).rejects.toMatchObject({
      code: 'UNKNOWN',
    })
  })
})
