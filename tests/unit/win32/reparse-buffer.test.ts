import { describe, expect, it } from 'vitest'

import {
  decodeReparseBuffer,
  encodeAppExecLink,
  encodeDeleteHeader,
  encodeLxSymlink,
  encodeMountPoint,
  encodeSymlink,
  isVolumeGuidName,
  type MountPointData,
  mountPointKind,
} from '../../../electron/engine/platform/win32/codec/reparse-buffer'
import {
  IO_REPARSE_TAG_APPEXECLINK,
  IO_REPARSE_TAG_LX_SYMLINK,
  IO_REPARSE_TAG_MOUNT_POINT,
  IO_REPARSE_TAG_SYMLINK,
} from '../../../electron/engine/platform/win32/codec/reparse-tags'
import { LinkError } from '../../../shared/errors'

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex')
const u16 = (s: string): Buffer => Buffer.from(s, 'utf16le')

/** The bytes mklink /J writes for a junction to C:\t. */
const JUNCTION_TO_C_T = hex(
  '030000a0 2400 0000 0000 1000 1200 0800 5c003f003f005c0043003a005c007400 0000 43003a005c007400 0000',
)

function expectLinkError(fn: () => unknown, pattern: RegExp): void {
  let caught: unknown
  try {
    fn()
  } catch (e) {
    caught = e
  }
  expect(caught).toBeInstanceOf(LinkError)
  expect((caught as LinkError).code).toBe('INVALID_ARGUMENT')
  expect((caught as LinkError).message).toMatch(pattern)
}

describe('mount point (junction) buffers', () => {
  it('encodes a junction to C:\\t byte for byte as mklink /J does', () => {
    expect(encodeMountPoint('\\??\\C:\\t', 'C:\\t').equals(JUNCTION_TO_C_T)).toBe(true)
  })

  it('decodes the mklink /J vector', () => {
    const { tag, data } = decodeReparseBuffer(JUNCTION_TO_C_T)
    expect(tag).toBe(IO_REPARSE_TAG_MOUNT_POINT)
    expect(data).toEqual({ type: 'mount-point', substituteName: '\\??\\C:\\t', printName: 'C:\\t' })
    expect(mountPointKind(data as MountPointData)).toBe('junction')
  })

  it('accepts an empty print name (Rust and PowerShell write none)', () => {
    const buf = encodeMountPoint('\\??\\D:\\data', '')
    expect(buf.readUInt16LE(14)).toBe(0)
    expect(decodeReparseBuffer(buf).data).toEqual({
      type: 'mount-point',
      substituteName: '\\??\\D:\\data',
      printName: '',
    })
  })

  it('recognises volume mount points and never calls them junctions', () => {
    const vol = '\\??\\Volume{3f2504e0-4f89-11d3-9a0c-0305e82c3301}\\'
    const { data } = decodeReparseBuffer(encodeMountPoint(vol, ''))
    expect(mountPointKind(data as MountPointData)).toBe('mount-point')
    expect(isVolumeGuidName(vol)).toBe(true)
    expect(isVolumeGuidName('\\??\\C:\\Volume{x}')).toBe(false)
    // a junction into a folder of a letterless volume is a junction
    const into = decodeReparseBuffer(encodeMountPoint(`${vol}sub`, '')).data
    expect(mountPointKind(into as MountPointData)).toBe('junction')
  })

  it('ignores bytes after ReparseDataLength (the ioctl hands back a 16 KiB buffer)', () => {
    const padded = Buffer.concat([JUNCTION_TO_C_T, Buffer.alloc(16384 - JUNCTION_TO_C_T.length, 0xcc)])
    expect(decodeReparseBuffer(padded).data).toEqual(decodeReparseBuffer(JUNCTION_TO_C_T).data)
  })
})

describe('symbolic link buffers', () => {
  it('round-trips absolute and relative links with the right flag', () => {
    for (const [subst, print, relative] of [
      ['\\??\\C:\\Users\\me\\Documents', 'C:\\Users\\me\\Documents', false],
      ['..\\shared\\notes.txt', '..\\shared\\notes.txt', true],
      ['\\??\\UNC\\server\\share\\dir', '\\\\server\\share\\dir', false],
      ['dossier\\é文件\\😀', 'dossier\\é文件\\😀', true],
    ] as const) {
      const buf = encodeSymlink(subst, print, relative)
      expect(buf.readUInt32LE(0)).toBe(IO_REPARSE_TAG_SYMLINK)
      expect(buf.readUInt32LE(16)).toBe(relative ? 1 : 0)
      expect(buf.readUInt16LE(4)).toBe(buf.length - 8)
      expect(decodeReparseBuffer(buf).data).toEqual({
        type: 'symlink',
        substituteName: subst,
        printName: print,
        relative,
      })
    }
  })

  it('decodes the CreateSymbolicLinkW layout: print name first, substitute second, no NULs', () => {
    const print = u16('C:\\target')
    const subst = u16('\\??\\C:\\target')
    const head = Buffer.alloc(20)
    head.writeUInt32LE(IO_REPARSE_TAG_SYMLINK, 0)
    head.writeUInt16LE(12 + print.length + subst.length, 4)
    head.writeUInt16LE(print.length, 8) // SubstituteNameOffset: after the print name
    head.writeUInt16LE(subst.length, 10)
    head.writeUInt16LE(0, 12) // PrintNameOffset
    head.writeUInt16LE(print.length, 14)
    head.writeUInt32LE(0, 16)
    const buf = Buffer.concat([head, print, subst])
    expect(decodeReparseBuffer(buf).data).toEqual({
      type: 'symlink',
      substituteName: '\\??\\C:\\target',
      printName: 'C:\\target',
      relative: false,
    })
  })

  it('reads Flags as a bit field (other bits do not hide RELATIVE)', () => {
    const buf = encodeSymlink('a', 'a', true)
    buf.writeUInt32LE(0x80000001, 16)
    expect(decodeReparseBuffer(buf).data).toMatchObject({ relative: true })
  })
})

describe('WSL symlink buffers', () => {
  it('encodes version and UTF-8 target with no NUL', () => {
    const buf = encodeLxSymlink('../ünï/x', 2)
    expect(buf.readUInt32LE(0)).toBe(IO_REPARSE_TAG_LX_SYMLINK)
    expect(buf.readUInt32LE(8)).toBe(2)
    expect(buf.subarray(12).toString('utf8')).toBe('../ünï/x')
    expect(buf.readUInt16LE(4)).toBe(4 + Buffer.byteLength('../ünï/x'))
  })

  it('round-trips, including an empty target and other versions', () => {
    for (const [t, v] of [
      ['/mnt/c/Users', 2],
      ['', 2],
      ['rel/😀', 1],
    ] as const) {
      expect(decodeReparseBuffer(encodeLxSymlink(t, v)).data).toEqual({ type: 'lx-symlink', version: v, target: t })
    }
  })
})

describe('AppExecLink buffers', () => {
  const strings = [
    'Microsoft.WindowsTerminal_8wekyb3d8bbwe',
    'Microsoft.WindowsTerminal_8wekyb3d8bbwe!App',
    'C:\\Program Files\\WindowsApps\\Microsoft.WindowsTerminal_1.0_x64\\wt.exe',
    '0',
  ]

  it('decodes the target exe as the third string', () => {
    const { tag, data } = decodeReparseBuffer(encodeAppExecLink(strings))
    expect(tag).toBe(IO_REPARSE_TAG_APPEXECLINK)
    expect(data).toEqual({ type: 'app-exec-link', strings, target: strings[2] })
  })

  it('gives a null target when fewer than three strings are stored', () => {
    expect(decodeReparseBuffer(encodeAppExecLink(['pkg', 'app'])).data).toEqual({
      type: 'app-exec-link',
      strings: ['pkg', 'app'],
      target: null,
    })
  })

  it('rejects a StringCount larger than the strings present', () => {
    const buf = encodeAppExecLink(['a', 'b'])
    buf.writeUInt32LE(5, 8)
    expectLinkError(() => decodeReparseBuffer(buf), /StringCount says 5 strings but string 3/)
  })
})

describe('other tags', () => {
  it('keeps unknown data as opaque bytes', () => {
    const buf = Buffer.concat([hex('1a000090 0400 0000'), hex('deadbeef')])
    const { tag, data } = decodeReparseBuffer(buf)
    expect(tag).toBe(0x9000001a)
    expect(data.type).toBe('opaque')
    expect(data.type === 'opaque' && data.data.equals(hex('deadbeef'))).toBe(true)
  })

  it('builds the 8-byte header FSCTL_DELETE_REPARSE_POINT takes', () => {
    expect(encodeDeleteHeader(IO_REPARSE_TAG_MOUNT_POINT).equals(hex('030000a0 0000 0000'))).toBe(true)
  })

  it('refuses to encode more than 16 KiB', () => {
    expectLinkError(() => encodeSymlink('x'.repeat(9000), '', true), /16 KiB/)
  })
})

describe('malformed buffers', () => {
  it('rejects a buffer shorter than the header', () => {
    expectLinkError(() => decodeReparseBuffer(hex('030000a0 24')), /header alone needs 8/)
  })

  it('rejects ReparseDataLength larger than the buffer', () => {
    expectLinkError(
      () => decodeReparseBuffer(JUNCTION_TO_C_T.subarray(0, 30)),
      /ReparseDataLength says 36 bytes but only 22 follow/,
    )
  })

  it('rejects a name whose offset runs past ReparseDataLength', () => {
    const buf = Buffer.from(JUNCTION_TO_C_T)
    buf.writeUInt16LE(0x30, 12) // PrintNameOffset beyond the data
    expectLinkError(() => decodeReparseBuffer(buf), /print name \(offset 48, length 8\) runs past ReparseDataLength/)
  })

  it('rejects a name that fits the buffer but not ReparseDataLength', () => {
    const buf = Buffer.concat([JUNCTION_TO_C_T, Buffer.alloc(64)])
    buf.writeUInt16LE(40, 10) // SubstituteNameLength reaching into the padding
    expectLinkError(() => decodeReparseBuffer(buf), /substitute name .* runs past ReparseDataLength/)
  })

  it('rejects odd UTF-16 lengths', () => {
    const buf = Buffer.from(JUNCTION_TO_C_T)
    buf.writeUInt16LE(15, 10)
    expectLinkError(() => decodeReparseBuffer(buf), /odd byte length \(15\)/)
  })

  it('rejects a symlink too short for its Flags field', () => {
    const buf = hex('0c0000a0 0800 0000 0000 0000 0000 0000')
    expectLinkError(() => decodeReparseBuffer(buf), /too small for a symbolic link/)
  })

  it('names the path in the message when given', () => {
    let caught: unknown
    try {
      decodeReparseBuffer(hex('00'), 'C:\\x\\link')
    } catch (e) {
      caught = e
    }
    expect((caught as LinkError).message).toContain('C:\\x\\link')
    expect((caught as LinkError).path).toBe('C:\\x\\link')
  })
})
