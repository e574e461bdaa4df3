/**
 * Acting on exactly what was checked, with the real calls: the folder an operation acts in is held
 * open so it cannot be renamed or deleted meanwhile, and in the elevated helper a folder reached
 * another way than its real path (a drive letter standing for a folder elsewhere) is refused.
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { test } from 'node:test'

import { actStrictly } from '../../electron/engine/platform/acting'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { closeHandle } from '../../electron/engine/platform/win32/native-file'
import { pinFolderOf } from '../../electron/engine/platform/win32/pinned-folder'
import { treeHash } from '../helpers/tree-hash'
import { errorCode, tempTree, writeFile } from './helpers'

const J = path.win32.join
const p = createWin32Platform()

test('while an operation holds its folder, nobody can rename or delete that folder', () => {
  const root = tempTree('pin')
  const folder = J(root, 'work')
  fs.mkdirSync(folder)
  const pinned = pinFolderOf(J(folder, 'new-link'))
  try {
    assert.equal(pinned.finalPath.toLowerCase(), folder.toLowerCase())
    assert.throws(() => fs.renameSync(folder, J(root, 'moved')), /EBUSY|EPERM|EACCES/)
    assert.throws(() => fs.rmdirSync(folder), /EBUSY|EPERM|EACCES/)
  } finally {
    closeHandle(pinned.handle)
  }
  fs.renameSync(folder, J(root, 'moved')) // free again once released
  fs.rmSync(root, { recursive: true, force: true })
})

/**
 * A drive letter standing for a folder elsewhere, "R:\\|C:\\folder": the Windows workflow makes it with
 * `subst`. Wine cannot show this: its final paths keep whatever drive letter a file was opened by.
 */
const redirect = process.env.LINKSCOPE_WIN32_REDIRECT?.split('|')

test(
  'the elevated helper refuses a folder reached through a redirection; an ordinary operation acts in the real folder',
  { skip: !redirect && 'needs LINKSCOPE_WIN32_REDIRECT (a subst drive; the Windows workflow sets it)' },
  () => {
    const [drive, real] = redirect as [string, string]
    const root = fs.mkdtempSync(J(real, 'pin-'))
    const name = path.win32.basename(root)
    const a = writeFile(J(root, 'a.txt'), 'data')
    fs.linkSync(a, J(root, 'b.txt'))
    try {
      const before = treeHash(root)
      actStrictly(true)
      try {
        assert.equal(
          errorCode(() => p.removeEntry(J(drive, name, 'b.txt'), p.entry(J(root, 'b.txt')))),
          'FORBIDDEN',
        )
        assert.equal(
          errorCode(() => p.createHardLink(a, J(drive, name, 'c.txt'))),
          'FORBIDDEN',
        )
      } finally {
        actStrictly(false)
      }
      assert.equal(treeHash(root), before, 'nothing changed')
      p.removeEntry(J(drive, name, 'b.txt'), p.entry(J(root, 'b.txt')))
      assert.equal(fs.existsSync(J(root, 'b.txt')), false)
      assert.equal(fs.readFileSync(a, 'utf8'), 'data')
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  },
)
