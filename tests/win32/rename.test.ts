/** MoveFileExW without and with REPLACE_EXISTING, verified by identity. */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import type { LinkEntry } from '../../shared/types/link'
import { crossVolumeRoot, errorCode, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('rename', () => {
  test('renameNoReplace moves and never replaces', () => {
    const dir = tempTree('mv')
    const a = writeFile(J(dir, 'a.txt'), 'A')
    const b = writeFile(J(dir, 'b.txt'), 'B')
    const id = p.entry(a).id
    assert.equal(
      errorCode(() => p.renameNoReplace(a, b)),
      'ALREADY_EXISTS',
    )
    assert.equal(fs.readFileSync(b, 'utf8'), 'B')
    p.renameNoReplace(a, J(dir, 'c.txt'))
    assert.equal(p.entry(J(dir, 'c.txt')).id, id)
    assert.equal(fs.existsSync(a), false)
    assert.equal(
      errorCode(() => p.renameNoReplace(J(dir, 'missing'), J(dir, 'x'))),
      'NOT_FOUND',
    )
    assert.equal(
      errorCode(() => p.renameNoReplace(J(dir, 'c.txt'), J(dir, 'AUX'))),
      'INVALID_NAME',
    )
  })

  test('replaceLink swaps a file into place', () => {
    const dir = tempTree('mv-replace')
    const fresh = writeFile(J(dir, 'fresh.tmp'), 'new')
    const old = writeFile(J(dir, 'link.txt'), 'old')
    const id = p.entry(fresh).id
    p.replaceLink(fresh, old, p.entry(old))
    assert.equal(fs.readFileSync(old, 'utf8'), 'new')
    assert.equal(p.entry(old).id, id)
    assert.deepEqual(fs.readdirSync(dir), ['link.txt'])
  })

  test('replaceLink never replaces a real folder', () => {
    const dir = tempTree('mv-dir')
    const f = writeFile(J(dir, 'f.txt'))
    fs.mkdirSync(J(dir, 'folder'))
    writeFile(J(dir, 'folder', 'inside.txt'), 'keep')
    assert.equal(
      errorCode(() => p.replaceLink(f, J(dir, 'folder'), { kind: 'symlink' } as LinkEntry)),
      'ALREADY_EXISTS',
    )
    assert.equal(fs.readFileSync(J(dir, 'folder', 'inside.txt'), 'utf8'), 'keep')
    assert.equal(fs.existsSync(f), true)
  })

  test(
    'a move to another volume is refused, not turned into a copy',
    { skip: !crossVolumeRoot() && 'no second drive' },
    () => {
      const a = writeFile(J(tempTree('mv-x'), 'a.txt'))
      const far = tempTree('mv-x', crossVolumeRoot())
      assert.equal(
        errorCode(() => p.renameNoReplace(a, J(far, 'a.txt'))),
        'CROSS_DEVICE',
      )
      assert.equal(fs.existsSync(a), true)
    },
  )
})
