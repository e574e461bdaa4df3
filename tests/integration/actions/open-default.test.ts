// Opening a file with the system's default app, at the boundary that exists here: the engine's answer in
// browser mode (xdg-open from PATH, a stand-in that records its argv and folder), through the dispatcher
// as the page calls it, so the path is validated before anything starts. The desktop app's
// shell.openPath is checked in tests/integration/main/electron-main.test.ts.
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createDispatcher } from '../../../electron/engine/service/dispatch'
import { createHandlers } from '../../../electron/engine/service/handlers'
import { defaultAppLaunch } from '../../../electron/engine/service/open-outside'
import { decodeNameBytes } from '../../../shared/names'
import { recordedArgs } from '../../helpers/recorded-argv'
import { treeHash } from '../../helpers/tree-hash'

let tmp: string
let bin: string
let record: string
const oldPath = process.env.PATH
const HOSTILE = 'a "quoted"; $(touch pwned) name.txt'

const recorded = (): Promise<string[]> => recordedArgs(record)

beforeAll(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ls-open-default-')))
  bin = path.join(tmp, 'bin')
  fs.mkdirSync(bin)
  record = path.join(tmp, 'argv.txt')
  fs.writeFileSync(
    path.join(bin, 'xdg-open'),
    `#!/bin/sh\n{ pwd; for a in "$@"; do printf '%s\\n' "$a"; done; } > '${record}.tmp' && mv '${record}.tmp' '${record}'\n`,
    { mode: 0o755 },
  )
  fs.mkdirSync(path.join(tmp, 'tree'))
  fs.writeFileSync(path.join(tmp, 'tree', HOSTILE), 'x')
  fs.symlinkSync(HOSTILE, path.join(tmp, 'tree', 'to-file'))
  fs.symlinkSync('missing', path.join(tmp, 'tree', 'dangling'))
})
afterAll(() => {
  process.env.PATH = oldPath
  fs.rmSync(tmp, { recursive: true, force: true })
})

describe('open with the default app (browser mode: the engine)', () => {
  const dispatcher = createDispatcher(createHandlers({ mode: 'browser', configDir: path.join(os.tmpdir(), 'unused') }))
  const open = (p: unknown) => dispatcher.dispatch('shell:openDefault', { args: [p] }, () => {})

  it('runs xdg-open from PATH with the file as one argument, in its folder; nothing runs from the name', async () => {
    process.env.PATH = `${bin}:${oldPath ?? ''}`
    const before = treeHash(path.join(tmp, 'tree'))
    const file = path.join(tmp, 'tree', HOSTILE)
    expect(await open(file)).toEqual({ ok: true, value: undefined })
    expect(await recorded()).toEqual([path.join(tmp, 'tree'), file])
    // a link to a file: the link's path (the opener follows it, as a double-click would)
    expect(await open(path.join(tmp, 'tree', 'to-file'))).toMatchObject({ ok: true })
    expect(await recorded()).toEqual([path.join(tmp, 'tree'), path.join(tmp, 'tree', 'to-file')])
    expect(fs.existsSync(path.join(tmp, 'tree', 'pwned')) || fs.existsSync('pwned')).toBe(false)
    expect(treeHash(path.join(tmp, 'tree'))).toBe(before)
  })

  it('refuses before starting anything: a relative path, a missing one, a broken link, a non-UTF-8 name, not a string', async () => {
    process.env.PATH = `${bin}:${oldPath ?? ''}`
    expect(await open('tree/x.txt')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await open(path.join(tmp, 'nothing-here'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await open(path.join(tmp, 'tree', 'dangling'))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('target does not exist') },
    })
    const raw = path.join(tmp, 'tree', decodeNameBytes(Buffer.from([0x66, 0xff])))
    fs.writeFileSync(Buffer.from(`${path.join(tmp, 'tree')}/f\xff`, 'latin1'), 'raw')
    expect(await open(raw)).toMatchObject({ ok: false, error: { code: 'INVALID_NAME' } })
    expect(await open(42)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(await open('/a\0b')).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } })
    expect(fs.existsSync(record)).toBe(false) // no refusal started the opener
  })

  it('is NO_DEFAULT_APP where no opener is on PATH', async () => {
    process.env.PATH = path.join(tmp, 'empty-bin')
    expect(await open(path.join(tmp, 'tree', HOSTILE))).toMatchObject({
      ok: false,
      error: { code: 'NO_DEFAULT_APP', message: expect.stringContaining('xdg-open') },
    })
  })

  it('Finder and Explorer open it by argument', () => {
    const p = path.join(tmp, 'tree', HOSTILE)
    expect(defaultAppLaunch(p, { platform: 'darwin', env: {} })).toMatchObject({ exe: '/usr/bin/open', args: [p] })
    expect(defaultAppLaunch(p, { platform: 'win32', env: {} })).toMatchObject({ exe: 'explorer.exe', args: [p] })
  })
})
