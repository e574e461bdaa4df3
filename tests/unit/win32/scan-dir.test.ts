/**
 * The Win32 scanner's folder step over the fake kernel32: which records it enters, counts and reports
 * (a OneDrive folder is entered, a junction never), with the ids entry() gives; and the
 * FILE_STAT_BASIC_INFORMATION decoder on a byte vector laid out as the SDK header declares it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

import {
  decodeFileStatBasicInformation,
  FILE_STAT_BASIC_INFORMATION_SIZE,
} from '../../../electron/engine/platform/win32/codec/file-info'
import { encodeMountPoint } from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import { forEachMulti, unpackDirs } from '../../../electron/engine/scan/scan-protocol'
import { emptyResult } from '../../../electron/engine/scan/walk-dir'
import { FakeKernel32 } from '../../fakes/fake-kernel32'

let fake = new FakeKernel32()
vi.mock('../../../electron/engine/platform/win32/bindings/kernel32', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../electron/engine/platform/win32/bindings/kernel32')>()),
  kernel32: () => fake,
}))

const { createWin32Platform } = await import('../../../electron/engine/platform/win32/link-platform.win32')
const { recordKind, walkDirWin32 } = await import('../../../electron/engine/platform/win32/scan-dir')

const tag = (t: number): Buffer => {
  const b = Buffer.alloc(8)
  b.writeUInt32LE(t, 0)
  return b
}

beforeEach(() => {
  fake = new FakeKernel32()
  fake.mkdir('C:\\w')
})

describe('walkDirWin32', () => {
  it('enters a OneDrive folder, never a junction; groups hard links by the id ls shows; counts single files', () => {
    fake.reparse('C:\\w\\OneDrive', tag(0x9000101a), true)
    fake.mkdir('C:\\w\\plain')
    fake.reparse('C:\\w\\j', encodeMountPoint('\\??\\C:\\w\\plain', 'C:\\w\\plain'), true)
    fake.file('C:\\w\\one.txt', 7)
    fake.file('C:\\w\\a.txt', 5)
    const p = createWin32Platform()
    p.createHardLink('C:\\w\\a.txt', 'C:\\w\\b.txt')
    const out = emptyResult(0)
    walkDirWin32('C:\\w', { mode: 'scan', broken: false, statFiles: true }, out)
    expect(out.errors).toEqual([])
    expect(out.entries).toBe(6)
    expect(unpackDirs(out.dirs).map(([d, id]) => [d, id])).toEqual([
      ['C:\\w\\OneDrive', p.entry('C:\\w\\OneDrive').id],
      ['C:\\w\\plain', p.entry('C:\\w\\plain').id],
    ])
    const multi: [string, string, number][] = []
    forEachMulti(out.multi, (path, id, links) => multi.push([path, id, links]))
    const id = p.entry('C:\\w\\a.txt').id
    expect(multi).toEqual([
      ['C:\\w\\a.txt', id, 2],
      ['C:\\w\\b.txt', id, 2],
    ])
    expect(out.singleBytes).toBe(7)
  })

  it('reports a broken junction, and matches names by the exact id', () => {
    fake.reparse('C:\\w\\gone', encodeMountPoint('\\??\\C:\\w\\missing', 'C:\\w\\missing'), true)
    fake.file('C:\\w\\a.txt')
    const p = createWin32Platform()
    p.createHardLink('C:\\w\\a.txt', 'C:\\w\\b.txt')
    const out = emptyResult(0)
    walkDirWin32('C:\\w', { mode: 'scan', broken: true, statFiles: false }, out)
    expect(out.broken.map((b) => [b.path, b.kind, b.reason])).toEqual([['C:\\w\\gone', 'junction', 'missing']])
    const names = emptyResult(1)
    walkDirWin32('C:\\w', { mode: 'names', dev: 0, ino: 0, type: 'file', id: p.entry('C:\\w\\a.txt').id }, names)
    expect(names.matches.map((m) => m.path)).toEqual(['C:\\w\\a.txt', 'C:\\w\\b.txt'])
  })

  it('records a folder it cannot list instead of throwing', () => {
    const out = emptyResult(0)
    walkDirWin32('C:\\w\\missing', { mode: 'scan', broken: true, statFiles: true }, out)
    expect(out.errors.map((e) => e.code)).toEqual(['NOT_FOUND'])
  })

  it("treats only link tags (and Wine's tagless reparse points) as links", () => {
    expect(recordKind({ attributes: 0x410, reparseTag: 0x9000001c })).toBe('dir')
    expect(recordKind({ attributes: 0x420, reparseTag: 0x80000013 })).toBe('file')
    expect(recordKind({ attributes: 0x410, reparseTag: 0xa0000003 })).toBe('link')
    expect(recordKind({ attributes: 0x410, reparseTag: 0 })).toBe('link')
    expect(recordKind({ attributes: 0x10, reparseTag: 0 })).toBe('dir')
  })
})

describe('FILE_STAT_BASIC_INFORMATION', () => {
  it('decodes links, size, attributes, tag, serial and the 128-bit id at their offsets', () => {
    const b = Buffer.alloc(FILE_STAT_BASIC_INFORMATION_SIZE)
    b.writeBigUInt64LE(0x1111n, 0) // FileId (64-bit)
    b.writeBigUInt64LE(123456789012n, 48) // EndOfFile
    b.writeUInt32LE(0x420, 56)
    b.writeUInt32LE(0x9000101a, 60)
    b.writeUInt32LE(3, 64)
    b.writeBigUInt64LE(0xaabbccdd11223344n, 80)
    b.writeBigUInt64LE(0x0005000000001234n, 88) // low half: NTFS sequence number and record
    b.writeBigUInt64LE(0x00000000000000ffn, 96) // high half: ReFS uses it
    expect(decodeFileStatBasicInformation(b)).toEqual({
      attributes: 0x420,
      reparseTag: 0x9000101a,
      links: 3,
      size: 123456789012,
      volumeSerial: 0xaabbccdd11223344n,
      fileId: (0xffn << 64n) | 0x0005000000001234n,
    })
    expect(() => decodeFileStatBasicInformation(b.subarray(0, 100))).toThrow()
  })
})
