/**
 * Symlinks, junctions and readLink through the real calls. Wine has no reparse points: its
 * CreateSymbolicLinkW "succeeds" and creates nothing, FSCTL_SET fails with 50, FSCTL_GET always
 * answers 4390; the backend must say so with an UNSUPPORTED_* error, never report success.
 */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import {
  FSCTL_SET_REPARSE_POINT,
  GENERIC_WRITE,
  kernel32,
} from '../../electron/engine/platform/win32/bindings/kernel32'
import { encodeMountPoint } from '../../electron/engine/platform/win32/codec/reparse-buffer'
import { DRIVE_REMOTE, FILE_SUPPORTS_REPARSE_POINTS } from '../../electron/engine/platform/win32/junction-volumes'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { closeHandle, openEntry } from '../../electron/engine/platform/win32/native-file'
import { probeSymlinks } from '../../electron/engine/platform/win32/symlink-probe'
import { volumeInfo } from '../../electron/engine/platform/win32/volumes'
import type { LinkEntry } from '../../shared/types/link'
import { errorCode, isWine, linkError, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('reparse points', () => {
  test('readLink of a plain file or folder is NOT_A_LINK (FSCTL_GET_REPARSE_POINT → 4390)', () => {
    const dir = tempTree('rl')
    const f = writeFile(J(dir, 'f.txt'))
    const h = openEntry(f)
    try {
      const r = kernel32().DeviceIoControl(h, 0x000900a8, null, Buffer.alloc(16384))
      assert.deepEqual([r.ret, r.err], [0, 4390])
    } finally {
      closeHandle(h)
    }
    assert.equal(
      errorCode(() => p.readLink(f)),
      'NOT_A_LINK',
    )
    assert.equal(
      errorCode(() => p.readLink(dir)),
      'NOT_A_LINK',
    )
    assert.equal(
      errorCode(() => p.readLink(J(dir, 'missing'))),
      'NOT_FOUND',
    )
  })

  test('createSymlink either makes a verified link or fails plainly (Wine: the stub is caught)', () => {
    const dir = tempTree('sl')
    const target = writeFile(J(dir, 'target.txt'))
    const link = J(dir, 'link.txt')
    if (isWine()) {
      // The raw call claims success and nothing appears: this is what the post-condition is for.
      assert.equal(kernel32().CreateSymbolicLinkW(J(dir, 'raw'), 'target.txt', 2).ret, 1)
      assert.equal(fs.existsSync(J(dir, 'raw')), false)
      const e = linkError(() => p.createSymlink('target.txt', link, 'file'))
      assert.equal(e.code, 'UNSUPPORTED_ON_PLATFORM')
      assert.match(e.message, /reported the symbolic link .*link\.txt as created, but nothing is there/)
      assert.equal(fs.existsSync(link), false)
    } else {
      try {
        p.createSymlink('target.txt', link, 'file')
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'PRIVILEGE_REQUIRED')
        return
      }
      const e = p.entry(link)
      assert.deepEqual(
        [e.kind, e.target, e.resolved, e.status, e.targetKind],
        ['symlink', 'target.txt', target, 'ok', 'file'],
      )
      assert.equal(p.readLink(link), 'target.txt')
      p.removeEntry(link, p.entry(link))
      assert.equal(fs.existsSync(target), true)
    }
  })

  test('createSymlink refuses a taken name before calling Windows', () => {
    const dir = tempTree('sl-exists')
    const existing = writeFile(J(dir, 'taken.txt'), 'keep')
    assert.equal(
      errorCode(() => p.createSymlink('x', existing, 'file')),
      'ALREADY_EXISTS',
    )
    assert.equal(fs.readFileSync(existing, 'utf8'), 'keep')
  })

  test(
    'createJunction on Wine: its volumes hold no reparse points (FSCTL_SET → 50), so it is refused before any folder is made',
    { skip: !isWine() && 'Windows makes junctions' },
    () => {
      const dir = tempTree('jn')
      const target = J(dir, 'target')
      fs.mkdirSync(target)
      writeFile(J(target, 'inside.txt'), 'keep')
      // The raw ioctl, as the backend would send it, and the volume flag that predicts its answer.
      fs.mkdirSync(J(dir, 'raw'))
      const h = openEntry(J(dir, 'raw'), GENERIC_WRITE)
      try {
        const r = kernel32().DeviceIoControl(
          h,
          FSCTL_SET_REPARSE_POINT,
          encodeMountPoint(`\\??\\${target}`, target),
          null,
        )
        assert.deepEqual([r.ret, r.err], [0, 50])
      } finally {
        closeHandle(h)
      }
      assert.equal(volumeInfo(dir).flags & FILE_SUPPORTS_REPARSE_POINTS, 0)
      const e = linkError(() => p.createJunction(target, J(dir, 'junction')))
      assert.equal(e.code, 'UNSUPPORTED_FS')
      assert.match(e.message, /cannot hold junctions or symbolic links\. Make the junction on an NTFS drive/)
      assert.equal(fs.existsSync(J(dir, 'junction')), false)
      assert.equal(fs.readFileSync(J(target, 'inside.txt'), 'utf8'), 'keep')
    },
  )

  const netDrive = process.env.LINKSCOPE_WIN32_NETDRIVE
  test(
    'createJunction to a folder on a mapped network drive is refused, suggesting a folder symbolic link',
    { skip: !netDrive && 'needs LINKSCOPE_WIN32_NETDRIVE (run.sh maps N: as a Wine network drive)' },
    () => {
      const target = tempTree('net', netDrive)
      assert.equal(kernel32().GetDriveTypeW(netDrive!), DRIVE_REMOTE)
      const dir = tempTree('jn-net')
      const e = linkError(() => p.createJunction(target, J(dir, 'junction')))
      assert.equal(e.code, 'UNSUPPORTED_FS')
      assert.match(e.message, /is on a network drive .*Use a folder symbolic link instead/)
      assert.equal(fs.existsSync(J(dir, 'junction')), false)
    },
  )

  test(
    'createJunction on Windows makes a junction that reads back and removes without its target',
    { skip: isWine() && 'Wine has no reparse points' },
    () => {
      const dir = tempTree('jn-win')
      const target = J(dir, 'target')
      fs.mkdirSync(target)
      writeFile(J(target, 'inside.txt'), 'keep')
      const link = J(dir, 'junction')
      p.createJunction(target, link)
      const e = p.entry(link)
      assert.deepEqual(
        [e.kind, e.target, e.resolved, e.status, e.targetKind],
        ['junction', target, target, 'ok', 'dir'],
      )
      assert.equal(p.readLink(link), target)
      p.removeEntry(link, p.entry(link))
      assert.equal(fs.existsSync(link), false)
      assert.equal(fs.readFileSync(J(target, 'inside.txt'), 'utf8'), 'keep')
    },
  )

  test('createJunction refuses relative and UNC targets', () => {
    const dir = tempTree('jn-bad')
    assert.equal(
      errorCode(() => p.createJunction('relative\\x', J(dir, 'j'))),
      'INVALID_ARGUMENT',
    )
    assert.equal(
      errorCode(() => p.createJunction('\\\\srv\\share\\x', J(dir, 'j'))),
      'INVALID_ARGUMENT',
    )
    assert.equal(fs.existsSync(J(dir, 'j')), false)
  })

  test('capabilities: junctions true, symlinks from a verified probe (Wine: no)', () => {
    const caps = p.capabilities()
    assert.equal(caps.junctions, true)
    assert.equal(caps.reveal, false)
    if (isWine()) assert.equal(caps.symlinks, 'no')
    else assert.ok(caps.symlinks === 'yes' || caps.symlinks === 'privileged')
    assert.deepEqual(p.capabilities(), caps)
    const dir = tempTree('probe')
    assert.equal(probeSymlinks(dir), caps.symlinks)
    assert.deepEqual(fs.readdirSync(dir), [], 'the probe leaves nothing behind')
  })

  test('removeEntry refuses to treat a real file or folder as a link', () => {
    const dir = tempTree('rm')
    const f = writeFile(J(dir, 'f.txt'), 'keep')
    fs.mkdirSync(J(dir, 'd'))
    writeFile(J(dir, 'd', 'inside.txt'))
    assert.equal(
      errorCode(() => p.removeEntry(f, { kind: 'symlink' } as LinkEntry)),
      'NOT_A_LINK',
    )
    assert.equal(
      errorCode(() => p.removeEntry(J(dir, 'd'), { kind: 'junction' } as LinkEntry)),
      'NOT_A_LINK',
    )
    // A real folder with content is never emptied: RemoveDirectoryW refuses (145).
    assert.equal(
      errorCode(() => p.removeEntry(J(dir, 'd'), p.entry(J(dir, 'd')))),
      'ALREADY_EXISTS',
    )
    assert.equal(fs.existsSync(J(dir, 'd', 'inside.txt')), true)
    assert.equal(fs.readFileSync(f, 'utf8'), 'keep')
    assert.equal(
      errorCode(() => p.removeEntry(J(dir, 'missing'), { kind: 'file' } as LinkEntry)),
      'NOT_FOUND',
    )
  })
})
