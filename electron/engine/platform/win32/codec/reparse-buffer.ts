/**
 * REPARSE_DATA_BUFFER encode/decode (ntifs.h). Header: Tag u32 @0,
 * ReparseDataLength u16 @4 (bytes after the 8-byte header), Reserved u16 @6.
 *  - symlink:      SubstOff @8, SubstLen @10, PrintOff @12, PrintLen @14, Flags u32 @16, PathBuffer @20
 *  - mount point:  SubstOff @8, SubstLen @10, PrintOff @12, PrintLen @14, PathBuffer @16
 *  - LX symlink:   Version u32 @8, UTF-8 target @12 (no NUL)
 *  - AppExecLink:  StringCount u32 @8, NUL-terminated UTF-16 strings @12 ([2] = target exe)
 * Name offsets and lengths are bytes relative to PathBuffer and exclude the NUL. Writers disagree on
 * the order (CreateSymbolicLinkW puts the print name first, mklink the substitute name), so decoding
 * goes by the offsets only.
 */
import type { LinkKind } from '../../../../../shared/types/link'
import { BoundedReader, malformed } from './bounded-reader'
import {
  IO_REPARSE_TAG_APPEXECLINK,
  IO_REPARSE_TAG_LX_SYMLINK,
  IO_REPARSE_TAG_MOUNT_POINT,
  IO_REPARSE_TAG_SYMLINK,
} from './reparse-tags'

export const SYMLINK_FLAG_RELATIVE = 1
export const MAXIMUM_REPARSE_DATA_BUFFER_SIZE = 16384
export const REPARSE_HEADER_SIZE = 8

export type SymlinkData = { type: 'symlink'; substituteName: string; printName: string; relative: boolean }
export type MountPointData = { type: 'mount-point'; substituteName: string; printName: string }
export type LxSymlinkData = { type: 'lx-symlink'; version: number; target: string }
export type AppExecLinkData = { type: 'app-exec-link'; strings: string[]; target: string | null }
/** Any other tag: kept as raw bytes so it can be shown, never interpreted. */
export type OpaqueReparseData = { type: 'opaque'; tag: number; data: Buffer }
export type ReparseData = SymlinkData | MountPointData | LxSymlinkData | AppExecLinkData | OpaqueReparseData

const WHAT = 'reparse data'

function names(r: BoundedReader, pathBuffer: number, end: number): { substituteName: string; printName: string } {
  const substOff = r.u16(8, 'SubstituteNameOffset')
  const substLen = r.u16(10, 'SubstituteNameLength')
  const printOff = r.u16(12, 'PrintNameOffset')
  const printLen = r.u16(14, 'PrintNameLength')
  const read = (off: number, len: number, field: string): string => {
    if (pathBuffer + off + len > end) {
      throw r.fail(`${field} (offset ${off}, length ${len}) runs past ReparseDataLength`)
    }
    return r.utf16(pathBuffer + off, len, field)
  }
  return {
    substituteName: read(substOff, substLen, 'the substitute name'),
    printName: read(printOff, printLen, 'the print name'),
  }
}

/** Decode a buffer as returned by FSCTL_GET_REPARSE_POINT (trailing bytes beyond the data are ignored). */
export function decodeReparseBuffer(buf: Buffer, path?: string): { tag: number; data: ReparseData } {
  const r = new BoundedReader(buf, WHAT, path)
  if (buf.length < REPARSE_HEADER_SIZE) throw r.fail(`only ${buf.length} bytes, the header alone needs 8`)
  const tag = r.u32(0, 'ReparseTag')
  const dataLength = r.u16(4, 'ReparseDataLength')
  const end = REPARSE_HEADER_SIZE + dataLength
  if (end > buf.length) {
    throw r.fail(
      `ReparseDataLength says ${dataLength} bytes but only ${buf.length - REPARSE_HEADER_SIZE} follow the header`,
    )
  }
  const needData = (n: number, layout: string): void => {
    if (dataLength < n) throw r.fail(`ReparseDataLength ${dataLength} is too small for a ${layout} (needs ${n})`)
  }
  switch (tag) {
    case IO_REPARSE_TAG_SYMLINK: {
      needData(12, 'symbolic link')
      const flags = r.u32(16, 'Flags')
      return { tag, data: { type: 'symlink', ...names(r, 20, end), relative: (flags & SYMLINK_FLAG_RELATIVE) !== 0 } }
    }
    case IO_REPARSE_TAG_MOUNT_POINT:
      needData(8, 'mount point')
      return { tag, data: { type: 'mount-point', ...names(r, 16, end) } }
    case IO_REPARSE_TAG_LX_SYMLINK: {
      needData(4, 'WSL symbolic link')
      const version = r.u32(8, 'Version')
      const target = r.utf8(12, end - 12, 'the target')
      return { tag, data: { type: 'lx-symlink', version, target } }
    }
    case IO_REPARSE_TAG_APPEXECLINK: {
      needData(4, 'app execution alias')
      const count = r.u32(8, 'StringCount')
      const strings: string[] = []
      let at = 12
      for (let i = 0; i < count; i++) {
        let nul = -1
        for (let j = at; j + 1 < end; j += 2) {
          if (buf[j] === 0 && buf[j + 1] === 0) {
            nul = j
            break
          }
        }
        if (nul < 0) throw r.fail(`StringCount says ${count} strings but string ${i + 1} has no terminating NUL`)
        strings.push(buf.toString('utf16le', at, nul))
        at = nul + 2
      }
      return { tag, data: { type: 'app-exec-link', strings, target: strings[2] ?? null } }
    }
    default:
      return { tag, data: { type: 'opaque', tag, data: Buffer.from(buf.subarray(REPARSE_HEADER_SIZE, end)) } }
  }
}

/**
 * `\??\Volume{GUID}\` and nothing after it: a volume mount point. Shown, never followed (libuv treats
 * it as "not a link"). `\??\Volume{GUID}\sub` is a junction into a folder of a volume without a drive
 * letter (`mklink /J x \\?\Volume{…}\sub`), not a mount point.
 */
export function isVolumeGuidName(substituteName: string): boolean {
  return /^\\(\?\?|\\\?)\\Volume\{[0-9a-f-]+\}\\?$/i.test(substituteName)
}

export function mountPointKind(d: MountPointData): Extract<LinkKind, 'junction' | 'mount-point'> {
  return isVolumeGuidName(d.substituteName) ? 'mount-point' : 'junction'
}

function header(tag: number, dataLength: number): Buffer {
  if (dataLength > MAXIMUM_REPARSE_DATA_BUFFER_SIZE - REPARSE_HEADER_SIZE) {
    throw malformed(WHAT, `${dataLength} data bytes exceed the 16 KiB reparse limit`)
  }
  const buf = Buffer.alloc(REPARSE_HEADER_SIZE + dataLength)
  buf.writeUInt32LE(tag >>> 0, 0)
  buf.writeUInt16LE(dataLength, 4)
  return buf
}

/** Layout: substitute, NUL, print, NUL (what mklink and libuv write). */
function encodeNames(tag: number, fixed: number, substituteName: string, printName: string): Buffer {
  const subst = Buffer.from(substituteName, 'utf16le')
  const print = Buffer.from(printName, 'utf16le')
  const pathBytes = subst.length + 2 + print.length + 2
  const buf = header(tag, 8 + fixed + pathBytes)
  buf.writeUInt16LE(0, 8)
  buf.writeUInt16LE(subst.length, 10)
  buf.writeUInt16LE(subst.length + 2, 12)
  buf.writeUInt16LE(print.length, 14)
  const pathBuffer = 16 + fixed
  subst.copy(buf, pathBuffer)
  print.copy(buf, pathBuffer + subst.length + 2)
  return buf
}

export function encodeMountPoint(substituteName: string, printName: string): Buffer {
  return encodeNames(IO_REPARSE_TAG_MOUNT_POINT, 0, substituteName, printName)
}

export function encodeSymlink(substituteName: string, printName: string, relative: boolean): Buffer {
  const buf = encodeNames(IO_REPARSE_TAG_SYMLINK, 4, substituteName, printName)
  buf.writeUInt32LE(relative ? SYMLINK_FLAG_RELATIVE : 0, 16)
  return buf
}

/** WSL symlink; version 2 is what current WSL writes. */
export function encodeLxSymlink(target: string, version = 2): Buffer {
  const bytes = Buffer.from(target, 'utf8')
  const buf = header(IO_REPARSE_TAG_LX_SYMLINK, 4 + bytes.length)
  buf.writeUInt32LE(version >>> 0, 8)
  bytes.copy(buf, 12)
  return buf
}

/** Only for test vectors and fixtures: Linkscope never creates app execution aliases. */
export function encodeAppExecLink(strings: readonly string[]): Buffer {
  const body = Buffer.concat(strings.map((s) => Buffer.from(`${s}\0`, 'utf16le')))
  const buf = header(IO_REPARSE_TAG_APPEXECLINK, 4 + body.length)
  buf.writeUInt32LE(strings.length, 8)
  body.copy(buf, 12)
  return buf
}

/** Input of FSCTL_DELETE_REPARSE_POINT for Microsoft tags: the bare header, ReparseDataLength 0. */
export function encodeDeleteHeader(tag: number): Buffer {
  return header(tag, 0)
}
