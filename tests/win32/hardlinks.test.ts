/** Hard links for real: creation, identity and counts, and the errors 183/5/2/3/17 as Windows gives them. */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { removeLink } from '../../electron/engine/ops/remove'
import { kernel32 } from '../../electron/engine/platform/win32/bindings/kernel32'
import { toExtended } from '../../electron/engine/platform/win32/codec/paths'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { crossVolumeRoot, errorCode, isWine, linkError, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

describe('hard links', () => {
  test('several names share one id and one link count', () => {
    const dir = tempTree('hl')
    const a = writeFile(J(dir, 'a.txt'), 'hello')
    fs.mkdirSync(J(dir, 'sub'))
    const names = [J(dir, 'b.txt'), J(dir, 'sub', 'c.txt'), J(dir, 'ünï 文.txt')]
    for (const n of names) p.createHardLink(a, n)
    const entries = [a, ...names].map((n) => p.entry(n))
    for (const e of entries) {
      assert.equal(e.kind, 'file')
      assert.equal(e.links, 4)
      assert.equal(e.id, entries[0]!.id)
      assert.equal(e.size, 5)
      assert.equal(e.status, 'n/a')
    }
    assert.match(entries[0]!.id, /^[0-9a-f]+:[0-9a-f]+$/)
    // Node's own view of the same file agrees on the count (node.exe uses the same Win32 data).
    assert.equal(fs.statSync(names[2]!).nlink, 4)
    const other = p.entry(writeFile(J(dir, 'other.txt')))
    assert.notEqual(other.id, entries[0]!.id)
    assert.equal(other.links, 1)
  })

  test('the id is "<volume serial>:<file index>", the same index node.exe reports as ino', () => {
    const dir = tempTree('hl-ino')
    const a = writeFile(J(dir, 'a.txt'))
    const [serial, index] = p.entry(a).id.split(':')
    const st = fs.statSync(a, { bigint: true })
    assert.equal(index, st.ino.toString(16))
    assert.equal(BigInt(`0x${serial}`), st.dev)
  })

  test('a read-only name is not removed behind the user\'s back (READ_ONLY, the choice "remove anyway" offers)', () => {
    const dir = tempTree('hl-ro')
    const a = writeFile(J(dir, 'a.txt'))
    p.createHardLink(a, J(dir, 'b.txt'))
    fs.chmodSync(a, 0o444)
    const e = linkError(() => p.removeEntry(a, p.entry(a)))
    assert.equal(e.code, 'READ_ONLY')
    assert.match(e.message, /is read-only/)
    assert.equal(fs.existsSync(a), true)
  })

  test('"remove anyway" removes a read-only name and leaves the attribute on the other names', () => {
    const dir = tempTree('hl-ro-anyway')
    const a = writeFile(J(dir, 'a.txt'), 'kept')
    const b = J(dir, 'b.txt')
    p.createHardLink(a, b)
    fs.chmodSync(a, 0o444)
    if (isWine()) {
      // Wine has no FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE: a clear refusal, both names as they were
      assert.equal(
        errorCode(() => p.removeEntry(a, p.entry(a), { readOnlyToo: true })),
        'UNSUPPORTED_FS',
      )
      assert.deepEqual([fs.existsSync(a), p.entry(b).links, p.entry(b).readonly], [true, 2, true])
      return
    }
    p.removeEntry(a, p.entry(a), { readOnlyToo: true })
    assert.equal(fs.existsSync(a), false)
    assert.deepEqual({ links: p.entry(b).links, readonly: p.entry(b).readonly }, { links: 1, readonly: true })
    assert.equal(fs.readFileSync(b, 'utf8'), 'kept')
  })

  test('the engine\'s removeLink passes "remove anyway" through to the platform, for that name only', () => {
    const dir = tempTree('hl-ro-ops')
    const a = writeFile(J(dir, 'a.txt'), 'kept')
    const b = J(dir, 'b.txt')
    p.createHardLink(a, b)
    fs.chmodSync(a, 0o444)
    assert.equal(
      errorCode(() => removeLink(a)),
      'READ_ONLY',
    )
    if (isWine()) {
      assert.equal(
        errorCode(() => removeLink(a, { readOnlyToo: true })),
        'UNSUPPORTED_FS',
      )
      assert.deepEqual([fs.existsSync(a), p.entry(b).links, p.entry(b).readonly], [true, 2, true])
      return
    }
    assert.deepEqual(removeLink(a, { readOnlyToo: true }).remainingNames, 1)
    assert.deepEqual([fs.existsSync(a), p.entry(b).readonly], [false, true])
  })

  test('the only name of a file is never removed, whatever the caller thought (LAST_NAME)', () => {
    const dir = tempTree('hl-last')
    const a = writeFile(J(dir, 'a.txt'), 'data')
    assert.equal(
      errorCode(() => p.removeEntry(a, p.entry(a))),
      'LAST_NAME',
    )
    assert.equal(fs.readFileSync(a, 'utf8'), 'data')
  })

  test('a name another program holds open is removed (delete pending is success), and goes when it closes', () => {
    const dir = tempTree('hl-pending')
    const a = writeFile(J(dir, 'a.txt'), 'data')
    const b = J(dir, 'b.txt')
    p.createHardLink(a, b)
    // Another handle on b, sharing delete (as a virus scanner or indexer would).
    const other = kernel32().CreateFileW(toExtended(b), 0x80000000, 0x7, 3, 0)
    assert.ok(other.ret !== 0xffffffffffffffffn, `open failed: ${other.err}`)
    try {
      p.removeEntry(b, p.entry(b))
      // NTFS on Windows 10 1709+ deletes with POSIX semantics: the name is gone at once, still open or not.
      // Wine (and FAT, ReFS, SMB) fall back to the classic disposition: the name goes when the last handle closes.
      if (!isWine()) assert.equal(fs.existsSync(b), false, 'POSIX delete: gone while another handle is open')
    } finally {
      kernel32().CloseHandle(other.ret)
    }
    assert.equal(fs.existsSync(b), false)
    assert.equal(fs.readFileSync(a, 'utf8'), 'data')
  })

  test('removing one name drops the count and keeps the data', () => {
    const dir = tempTree('hl-rm')
    const a = writeFile(J(dir, 'a.txt'), 'data')
    const b = J(dir, 'b.txt')
    p.createHardLink(a, b)
    assert.equal(p.entry(a).links, 2)
    p.removeEntry(b, p.entry(b))
    assert.equal(fs.existsSync(b), false)
    assert.equal(p.entry(a).links, 1)
    assert.equal(fs.readFileSync(a, 'utf8'), 'data')
  })

  test('183: the new name is taken (raw code, then ALREADY_EXISTS)', () => {
    const dir = tempTree('hl-183')
    const a = writeFile(J(dir, 'a.txt'))
    const b = writeFile(J(dir, 'b.txt'))
    assert.deepEqual(kernel32().CreateHardLinkW(b, a), { ret: 0, err: 183 })
    const e = linkError(() => p.createHardLink(a, b))
    assert.equal(e.code, 'ALREADY_EXISTS')
    assert.match(e.message, /b\.txt already exists/)
  })

  test('5: a folder as the source (raw code, then IS_DIRECTORY)', () => {
    const dir = tempTree('hl-5')
    fs.mkdirSync(J(dir, 'folder'))
    assert.deepEqual(kernel32().CreateHardLinkW(J(dir, 'l'), J(dir, 'folder')), { ret: 0, err: 5 })
    assert.equal(
      errorCode(() => p.createHardLink(J(dir, 'folder'), J(dir, 'l'))),
      'IS_DIRECTORY',
    )
  })

  test('2: the source is missing (raw code, then NOT_FOUND naming the source)', () => {
    const dir = tempTree('hl-2')
    assert.deepEqual(kernel32().CreateHardLinkW(J(dir, 'l'), J(dir, 'missing.txt')), { ret: 0, err: 2 })
    const e = linkError(() => p.createHardLink(J(dir, 'missing.txt'), J(dir, 'l')))
    assert.equal(e.code, 'NOT_FOUND')
    assert.match(e.message, /missing\.txt/)
  })

  test("3: the new name's folder is missing (raw code, then NOT_FOUND)", () => {
    const dir = tempTree('hl-3')
    const a = writeFile(J(dir, 'a.txt'))
    assert.deepEqual(kernel32().CreateHardLinkW(J(dir, 'no', 'l'), a), { ret: 0, err: 3 })
    assert.equal(
      errorCode(() => p.createHardLink(a, J(dir, 'no', 'l'))),
      'NOT_FOUND',
    )
  })

  test(
    '17: across volumes (raw code, then CROSS_DEVICE)',
    { skip: !crossVolumeRoot() && 'LINKSCOPE_WIN32_XDEV not set' },
    () => {
      const dir = tempTree('hl-17')
      const a = writeFile(J(dir, 'a.txt'))
      const far = tempTree('hl-17', crossVolumeRoot())
      assert.deepEqual(kernel32().CreateHardLinkW(J(far, 'l'), a), { ret: 0, err: 17 })
      const e = linkError(() => p.createHardLink(a, J(far, 'l')))
      assert.equal(e.code, 'CROSS_DEVICE')
      assert.match(e.message, /different volume/)
      assert.equal(fs.existsSync(J(far, 'l')), false)
    },
  )

  test('invalid and reserved names are refused before Windows sees them', () => {
    const dir = tempTree('hl-names')
    const a = writeFile(J(dir, 'a.txt'))
    for (const bad of ['CON', 'nul.txt', 'trailing.', 'a?b']) {
      assert.equal(
        errorCode(() => p.createHardLink(a, J(dir, bad))),
        'INVALID_NAME',
        bad,
      )
    }
    assert.deepEqual(fs.readdirSync(dir), ['a.txt'])
  })

  test('allNames: every name with its volume prefix, or null without FindFirstFileNameW', () => {
    const dir = tempTree('hl-names-all')
    const a = writeFile(J(dir, 'a.txt'))
    p.createHardLink(a, J(dir, 'b.txt'))
    const names = p.allNames(a)
    if (!kernel32().caps.findFileNames) {
      assert.equal(names, null)
      assert.ok(isWine(), 'only Wine is expected to lack FindFirstFileNameW')
    } else {
      assert.deepEqual(
        names?.map((n) => n.toLowerCase()).sort(),
        [a, J(dir, 'b.txt')].map((n) => n.toLowerCase()).sort(),
      )
    }
  })
})
