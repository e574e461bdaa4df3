/** FindFirstFileExW listing of a tree made by Windows code, decoded into LinkEntry; volumes; final paths. */
import * as assert from 'node:assert/strict'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { describe, test } from 'node:test'

import { kernel32, VOLUME_NAME_DOS } from '../../electron/engine/platform/win32/bindings/kernel32'
import { utf16FromOut } from '../../electron/engine/platform/win32/codec/file-info'
import { toDisplay, toExtended } from '../../electron/engine/platform/win32/codec/paths'
import { kindFromFindData, openFind } from '../../electron/engine/platform/win32/dir-reader'
import { createWin32Platform } from '../../electron/engine/platform/win32/link-platform.win32'
import { closeHandle, openEntry, sameIgnoringCase } from '../../electron/engine/platform/win32/native-file'
import { volumeInfo, volumePathOf } from '../../electron/engine/platform/win32/volumes'
import { errorCode, isWine, tempTree, writeFile } from './helpers'

const p = createWin32Platform()
const J = path.win32.join

function readAll(dir: string, batch: number): string[] {
  const r = p.openDir(dir)
  const names: string[] = []
  try {
    for (let b = r.next(batch); b !== null; b = r.next(batch)) {
      assert.ok(b.length <= batch)
      names.push(...b)
    }
  } finally {
    r.close()
  }
  return names
}

describe('listing', () => {
  test('a prepared tree lists completely, in batches, without . and ..', () => {
    const dir = tempTree('ls')
    const expected = [
      'dir',
      'empty.txt',
      'hidden.txt',
      'ro.txt',
      'ünï 文.txt',
      ...Array.from({ length: 23 }, (_, i) => `f${i}.bin`),
    ]
    fs.mkdirSync(J(dir, 'dir'))
    writeFile(J(dir, 'empty.txt'), '')
    for (const n of expected.slice(2)) writeFile(J(dir, n), n)
    fs.chmodSync(J(dir, 'ro.txt'), 0o444)
    for (const batch of [1, 7, 1000])
      assert.deepEqual(readAll(dir, batch).sort(), [...expected].sort(), `batch ${batch}`)
  })

  test('FindFirstFileExW records decode into the same facts as entry()', () => {
    const dir = tempTree('ls-facts')
    fs.mkdirSync(J(dir, 'folder'))
    writeFile(J(dir, 'big.bin'), 'y'.repeat(70000))
    writeFile(J(dir, 'ro.txt'))
    fs.chmodSync(J(dir, 'ro.txt'), 0o444)
    const reader = openFind(dir)
    const records = reader.next(100) ?? []
    assert.equal(reader.next(100), null)
    reader.close()
    assert.equal(records.length, 3)
    for (const rec of records) {
      const e = p.entry(J(dir, rec.name))
      assert.equal(e.name, rec.name)
      assert.equal(e.kind, kindFromFindData(rec))
      assert.equal(rec.reparseTag, 0)
      if (e.kind === 'file') assert.equal(e.size, rec.size)
      assert.equal(e.readonly, (rec.attributes & 1) !== 0)
      assert.ok(Math.abs(e.mtimeMs - rec.writeMs) < 2000, `${e.mtimeMs} vs ${rec.writeMs}`)
      assert.ok(Math.abs(e.mtimeMs - fs.statSync(J(dir, rec.name)).mtimeMs) < 2000)
    }
    const ro = records.find((r) => r.name === 'ro.txt')
    assert.equal(ro && ro.attributes & 1, 1)
    assert.equal(p.entry(J(dir, 'ro.txt')).readonly, true)
    assert.equal(p.entry(J(dir, 'big.bin')).size, 70000)
  })

  test('missing folder → NOT_FOUND, a file → NOT_A_DIRECTORY, entry of a missing path → NOT_FOUND', () => {
    const dir = tempTree('ls-err')
    assert.equal(
      errorCode(() => p.openDir(J(dir, 'missing'))),
      'NOT_FOUND',
    )
    const f = writeFile(J(dir, 'f.txt'))
    assert.equal(
      errorCode(() => p.openDir(f)),
      'NOT_A_DIRECTORY',
    )
    assert.equal(
      errorCode(() => p.entry(J(dir, 'missing'))),
      'NOT_FOUND',
    )
    assert.equal(
      errorCode(() => p.entry(J(dir, 'no', 'x'))),
      'NOT_FOUND',
    )
  })

  test('long paths (> 260) work through the \\\\?\\ form', () => {
    const dir = tempTree('ls-long')
    let deep = dir
    while (deep.length < 300) {
      deep = J(deep, 'a-rather-long-folder-name')
      assert.equal(kernel32().CreateDirectoryW(toExtended(deep)).ret, 1)
    }
    const file = J(deep, 'f.txt')
    const h = kernel32().CreateFileW(toExtended(file), 0x40000000, 7, 1 /* CREATE_NEW */, 0x80)
    closeHandle(h.ret)
    assert.ok(file.length > 300)
    assert.deepEqual(readAll(deep, 10), ['f.txt'])
    assert.equal(p.entry(file).kind, 'file')
    p.createHardLink(file, J(deep, 'g.txt'))
    assert.equal(p.entry(J(deep, 'g.txt')).links, 2)
  })

  test('the temp folder and a drive root are folders with ids', () => {
    const e = p.entry('C:\\')
    assert.equal(e.kind, 'dir')
    assert.equal(e.name, 'C:\\')
    assert.match(e.id, /^[0-9a-f]+:[0-9a-f]+$/)
    assert.ok(readAll('C:\\', 50).some((n) => n.toLowerCase() === 'windows'))
  })
})

describe('volumes', () => {
  test("GetVolumePathNameW and GetVolumeInformationW describe the temp folder's volume", () => {
    const dir = tempTree('vol')
    assert.equal(toDisplay(volumePathOf(dir)).toUpperCase(), 'C:\\')
    const info = volumeInfo(dir)
    assert.equal(info.root.toUpperCase(), 'C:\\')
    assert.ok(info.serial !== 0)
    assert.ok(info.fileSystem.length > 0)
    if (isWine()) assert.equal(info.fileSystem, 'NTFS') // Wine says NTFS for every drive
    assert.match(p.volumeOf(dir), /^C:\\.*\(.+\)$/i)
    // the label is for people; the root is a folder a walk can start from
    assert.equal(p.volumeRoot(dir).toUpperCase(), 'C:\\')
    assert.equal(p.entry(p.volumeRoot(dir)).kind, 'dir')
  })

  test(
    'a mapped second drive is another volume with another serial',
    { skip: !process.env.LINKSCOPE_WIN32_XDEV && 'no second drive' },
    () => {
      const far = process.env.LINKSCOPE_WIN32_XDEV!
      assert.notEqual(volumeInfo(far).serial, volumeInfo(tempTree('vol2')).serial)
      assert.notEqual(p.volumeOf(far), p.volumeOf(tempTree('vol3')))
      assert.equal(p.volumeRoot(J(far, 'not-yet')).toUpperCase(), far.toUpperCase())
    },
  )

  test('GetFinalPathNameByHandleW gives back the path that was opened', () => {
    const dir = tempTree('final')
    const f = writeFile(J(dir, 'f.txt'))
    const h = openEntry(toExtended(f))
    try {
      const out = Buffer.alloc(2048)
      const n = kernel32().GetFinalPathNameByHandleW(h, out, VOLUME_NAME_DOS)
      assert.ok(n.ret > 0 && n.ret < 1024, JSON.stringify(n))
      assert.equal(toDisplay(utf16FromOut(out, n.ret)).toLowerCase(), f.toLowerCase())
    } finally {
      closeHandle(h)
    }
  })
})

describe('names compared as Windows compares them', () => {
  test('CompareStringOrdinal ignoring case: per character, so ß is not SS and É is é', () => {
    assert.equal(sameIgnoringCase('C:\\Dir\\Éa', 'c:\\dir\\éA'), true)
    assert.equal(sameIgnoringCase('C:\\Straße', 'C:\\STRASSE'), false)
    assert.equal(sameIgnoringCase('C:\\a', 'C:\\a\\'), false)
    // JS toLowerCase would call these the same ('İ'.toLowerCase() is 'i' + a combining dot)
    assert.equal(sameIgnoringCase('İ', 'i\u0307'), false)
  })
})
