/**
 * Rules that belong to one folder, asked of Windows for real: what links its volume can hold (the UI
 * offers only those, and says why not), and whether it compares names exactly (case-sensitive folders).
 * Wine's volumes report no reparse points and its N: is a network drive; Wine marks no folder
 * case-sensitive.
 */
import * as assert from 'node:assert/strict'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { kernel32 } from '../../electron/engine/platform/win32/bindings/kernel32'
import { FileCaseSensitiveInfo } from '../../electron/engine/platform/win32/bindings/win32-constants'
import { isCaseSensitiveFolder } from '../../electron/engine/platform/win32/case-rule'
import { toExtended } from '../../electron/engine/platform/win32/codec/paths'
import { FILE_SUPPORTS_REPARSE_POINTS } from '../../electron/engine/platform/win32/junction-volumes'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { withEntry } from '../../electron/engine/platform/win32/native-file'
import { volumeInfo } from '../../electron/engine/platform/win32/volumes'
import { isWine, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('per-folder rules', () => {
  test('capabilities of a folder follow its volume, and say why a link cannot be made there', () => {
    const dir = tempTree('caps')
    const caps = p.capabilities(dir)
    const info = volumeInfo(dir)
    if ((info.flags & FILE_SUPPORTS_REPARSE_POINTS) === 0) {
      assert.equal(caps.junctions, false)
      assert.equal(caps.symlinks, 'no')
      assert.match(caps.junctionsWhy ?? '', new RegExp(`\\(${info.fileSystem}\\) cannot hold junctions`))
      assert.match(caps.symlinksWhy ?? '', /cannot hold symbolic links/)
    } else {
      assert.equal(caps.junctions, true)
      assert.equal(caps.junctionsWhy, undefined)
    }
    if (isWine()) assert.equal(caps.junctions, false, "Wine's C: stores no reparse points")
    assert.equal(p.capabilities().junctions, true, 'without a folder: what the platform has')
  })

  const netDrive = process.env.LINKSCOPE_WIN32_NETDRIVE
  test(
    'a folder on a network drive is offered no junction, and told to use a folder symbolic link',
    { skip: !netDrive && 'needs LINKSCOPE_WIN32_NETDRIVE (run.sh maps N: as a Wine network drive)' },
    () => {
      const caps = p.capabilities(tempTree('caps-net', netDrive))
      assert.equal(caps.junctions, false)
      assert.match(caps.junctionsWhy ?? '', /is a network drive, which cannot hold junctions.*folder symbolic link/)
    },
  )

  test('names differing only in case are one name in an ordinary folder', () => {
    const dir = tempTree('case')
    writeFile(J(dir, 'Name.txt'))
    assert.equal(isCaseSensitiveFolder(dir), false)
    assert.equal(p.samePath(J(dir, 'Name.txt'), J(dir, 'NAME.TXT')), true)
    assert.equal(p.samePath(J(dir, 'Name.txt'), J(dir, 'Other.txt')), false)
    // Wine answers the class itself: what it says is recorded so a change shows up here.
    const out = Buffer.alloc(4)
    const r = withEntry(
      toExtended(dir),
      (h) => kernel32().GetFileInformationByHandleEx(h, FileCaseSensitiveInfo, out),
      0,
      true,
    )
    if (r.ret) assert.equal(out.readUInt32LE(0) & 1, 0, 'not marked case-sensitive')
    else assert.ok(isWine(), `Windows 10 1803+ answers FileCaseSensitiveInfo (error ${r.err})`)
  })
})
