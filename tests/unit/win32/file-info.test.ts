import { describe, expect, it } from 'vitest'

import {
  decodeByHandleFileInformation,
  decodeFileAttributeTagInfo,
  decodeFileIdInfo,
  decodeFindData,
  filetimeToMs,
  formatFileId,
  msToFiletime,
  utf16FromOut,
} from '../../../electron/engine/platform/win32/codec/file-info'
import { LinkError } from '../../../shared/errors'

const MS = Date.UTC(2024, 4, 17, 12, 30, 45, 123)

function bhfi(): Buffer {
  const b = Buffer.alloc(52)
  const ft = msToFiletime(MS)
  b.writeUInt32LE(0x20 | 0x2 | 0x1, 0)
  b.writeUInt32LE(ft.low, 20)
  b.writeUInt32LE(ft.high, 24)
  b.writeUInt32LE(0x43000000, 28)
  b.writeUInt32LE(1, 32)
  b.writeUInt32LE(5, 36) // size 4 GiB + 5
  b.writeUInt32LE(3, 40)
  b.writeUInt32LE(0x0001_0000, 44)
  b.writeUInt32LE(0x0024_a052, 48)
  return b
}

function findData(name: string, attrs: number, tag: number, size: number): Buffer {
  const b = Buffer.alloc(592)
  const ft = msToFiletime(MS)
  b.writeUInt32LE(attrs, 0)
  b.writeUInt32LE(ft.low, 20)
  b.writeUInt32LE(ft.high, 24)
  b.writeUInt32LE(Math.floor(size / 2 ** 32), 28)
  b.writeUInt32LE(size >>> 0, 32)
  b.writeUInt32LE(tag, 36)
  b.write(name, 44, 'utf16le')
  return b
}

describe('FILETIME', () => {
  it('converts both ways and knows the Unix epoch', () => {
    expect(filetimeToMs(msToFiletime(MS).low, msToFiletime(MS).high)).toBe(MS)
    expect(msToFiletime(0)).toEqual({ low: 0xd53e8000, high: 0x019db1de })
  })
})

describe('BY_HANDLE_FILE_INFORMATION', () => {
  it('decodes the 52-byte layout', () => {
    expect(decodeByHandleFileInformation(bhfi())).toMatchObject({
      attributes: 0x23,
      writeMs: MS,
      volumeSerial: 0x43000000,
      size: 2 ** 32 + 5,
      links: 3,
      fileIndex: 0x0001_0000_0024_a052n,
    })
  })

  it('rejects a short buffer with a LinkError', () => {
    expect(() => decodeByHandleFileInformation(bhfi().subarray(0, 51))).toThrow(LinkError)
  })
})

describe('FILE_ID_INFO and FILE_ATTRIBUTE_TAG_INFO', () => {
  it('keeps all 128 bits of a ReFS id', () => {
    const b = Buffer.alloc(24)
    b.writeBigUInt64LE(0x1122334455667788n, 0)
    b.writeBigUInt64LE(0x0000000000000007n, 8)
    b.writeBigUInt64LE(0x0000000000000001n, 16)
    const id = decodeFileIdInfo(b)
    expect(id).toEqual({ volumeSerial: 0x1122334455667788n, fileId: (1n << 64n) | 7n })
    expect(formatFileId(0x43000000, id.fileId)).toBe('43000000:10000000000000007')
  })

  it('decodes attributes and tag', () => {
    const b = Buffer.alloc(8)
    b.writeUInt32LE(0x410, 0)
    b.writeUInt32LE(0xa0000003, 4)
    expect(decodeFileAttributeTagInfo(b)).toEqual({ attributes: 0x410, reparseTag: 0xa0000003 })
  })
})

describe('WIN32_FIND_DATAW', () => {
  it('decodes name, size, time and the tag from dwReserved0', () => {
    expect(decodeFindData(findData('jünction 文', 0x410, 0xa0000003, 0))).toMatchObject({
      attributes: 0x410,
      reparseTag: 0xa0000003,
      name: 'jünction 文',
      writeMs: MS,
      alternateName: '',
    })
    expect(decodeFindData(findData('big.bin', 0x20, 0, 6 * 2 ** 32 + 1)).size).toBe(6 * 2 ** 32 + 1)
  })

  it('ignores dwReserved0 without the reparse attribute', () => {
    expect(decodeFindData(findData('plain', 0x20, 0xdeadbeef, 1)).reparseTag).toBe(0)
  })

  it('handles a 259-character name and rejects one with no NUL', () => {
    expect(decodeFindData(findData('n'.repeat(259), 0x20, 0, 0)).name).toHaveLength(259)
    const b = findData('', 0x20, 0, 0)
    b.fill(0x41, 44, 564)
    expect(() => decodeFindData(b)).toThrow(/no terminating NUL/)
  })

  it('rejects a short buffer', () => {
    expect(() => decodeFindData(Buffer.alloc(591))).toThrow(LinkError)
  })
})

describe('utf16FromOut', () => {
  it('stops at the first NUL or the character count', () => {
    const b = Buffer.alloc(40)
    b.write('C:\\vol\\', 0, 'utf16le')
    expect(utf16FromOut(b)).toBe('C:\\vol\\')
    expect(utf16FromOut(b, 2)).toBe('C:')
  })
})
