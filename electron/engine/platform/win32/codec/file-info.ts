/**
 * Decoders for the fixed Win32 structs Linkscope reads into Buffers (x64 layouts, docs/windows.md).
 * Buffers come straight from koffi out-parameters; decoding by hand avoids koffi.view, which
 * Electron forbids (external buffers).
 */
import { BoundedReader } from './bounded-reader'

export const FILE_ATTRIBUTE_READONLY = 0x1
export const FILE_ATTRIBUTE_HIDDEN = 0x2
export const FILE_ATTRIBUTE_DIRECTORY = 0x10
export const FILE_ATTRIBUTE_REPARSE_POINT = 0x400

export const BY_HANDLE_FILE_INFORMATION_SIZE = 52
export const FILE_ID_INFO_SIZE = 24
export const FILE_ATTRIBUTE_TAG_INFO_SIZE = 8
export const WIN32_FIND_DATAW_SIZE = 592

/** 100 ns ticks between 1601-01-01 and 1970-01-01. */
const EPOCH_DIFF_TICKS = 116444736000000000n

export function filetimeToMs(low: number, high: number): number {
  const ticks = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)
  return Number(ticks - EPOCH_DIFF_TICKS) / 10000
}

export function msToFiletime(ms: number): { low: number; high: number } {
  const ticks = BigInt(Math.round(ms * 10000)) + EPOCH_DIFF_TICKS
  return { low: Number(ticks & 0xffffffffn), high: Number(ticks >> 32n) }
}

const u64 = (high: number, low: number): bigint => (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0)

export type ByHandleFileInformation = {
  attributes: number
  creationMs: number
  accessMs: number
  writeMs: number
  volumeSerial: number
  size: number
  links: number
  fileIndex: bigint
}

export function decodeByHandleFileInformation(buf: Buffer, path?: string): ByHandleFileInformation {
  const r = new BoundedReader(buf, 'file information', path)
  r.need(0, BY_HANDLE_FILE_INFORMATION_SIZE, 'BY_HANDLE_FILE_INFORMATION')
  return {
    attributes: r.u32(0, 'dwFileAttributes'),
    creationMs: filetimeToMs(r.u32(4, 'ftCreationTime'), r.u32(8, 'ftCreationTime')),
    accessMs: filetimeToMs(r.u32(12, 'ftLastAccessTime'), r.u32(16, 'ftLastAccessTime')),
    writeMs: filetimeToMs(r.u32(20, 'ftLastWriteTime'), r.u32(24, 'ftLastWriteTime')),
    volumeSerial: r.u32(28, 'dwVolumeSerialNumber'),
    size: Number(u64(r.u32(32, 'nFileSizeHigh'), r.u32(36, 'nFileSizeLow'))),
    links: r.u32(40, 'nNumberOfLinks'),
    fileIndex: u64(r.u32(44, 'nFileIndexHigh'), r.u32(48, 'nFileIndexLow')),
  }
}

export type FileIdInfo = { volumeSerial: bigint; fileId: bigint }

/** FILE_ID_INFO: u64 volume serial, then a 128-bit id (little-endian; ReFS uses all of it). */
export function decodeFileIdInfo(buf: Buffer, path?: string): FileIdInfo {
  const r = new BoundedReader(buf, 'file id information', path)
  r.need(0, FILE_ID_INFO_SIZE, 'FILE_ID_INFO')
  const lo = r.u64(8, 'FileId')
  const hi = r.u64(16, 'FileId')
  return { volumeSerial: r.u64(0, 'VolumeSerialNumber'), fileId: (hi << 64n) | lo }
}

export type FileAttributeTagInfo = { attributes: number; reparseTag: number }

export function decodeFileAttributeTagInfo(buf: Buffer, path?: string): FileAttributeTagInfo {
  const r = new BoundedReader(buf, 'attribute information', path)
  return { attributes: r.u32(0, 'FileAttributes'), reparseTag: r.u32(4, 'ReparseTag') }
}

export type FindData = {
  attributes: number
  creationMs: number
  accessMs: number
  writeMs: number
  size: number
  /** dwReserved0; meaningful only when attributes has REPARSE_POINT, else 0 */
  reparseTag: number
  name: string
  alternateName: string
}

/** WIN32_FIND_DATAW (592 bytes): cFileName[260] @44, cAlternateFileName[14] @564. */
export function decodeFindData(buf: Buffer, path?: string): FindData {
  const r = new BoundedReader(buf, 'directory entry', path)
  r.need(0, WIN32_FIND_DATAW_SIZE, 'WIN32_FIND_DATAW')
  const attributes = r.u32(0, 'dwFileAttributes')
  return {
    attributes,
    creationMs: filetimeToMs(r.u32(4, 'ftCreationTime'), r.u32(8, 'ftCreationTime')),
    accessMs: filetimeToMs(r.u32(12, 'ftLastAccessTime'), r.u32(16, 'ftLastAccessTime')),
    writeMs: filetimeToMs(r.u32(20, 'ftLastWriteTime'), r.u32(24, 'ftLastWriteTime')),
    size: Number(u64(r.u32(28, 'nFileSizeHigh'), r.u32(32, 'nFileSizeLow'))),
    reparseTag: (attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0 ? r.u32(36, 'dwReserved0') : 0,
    name: r.utf16z(44, 520, 'cFileName'),
    alternateName: r.utf16z(564, 28, 'cAlternateFileName'),
  }
}

/** "<volume serial hex>:<file id hex>", the LinkEntry id on Windows. */
export const formatFileId = (volumeSerial: number | bigint, fileId: bigint): string =>
  `${BigInt(volumeSerial).toString(16)}:${fileId.toString(16)}`

/** Read a NUL-terminated UTF-16 string out of an out-buffer of `cch` characters. */
export function utf16FromOut(buf: Buffer, chars?: number): string {
  const limit = Math.min(buf.length - (buf.length % 2), chars === undefined ? buf.length : chars * 2)
  for (let i = 0; i + 1 < limit; i += 2) {
    if (buf[i] === 0 && buf[i + 1] === 0) return buf.toString('utf16le', 0, i)
  }
  return buf.toString('utf16le', 0, limit)
}

export const FILE_STAT_BASIC_INFORMATION_SIZE = 104

export type FileStatBasic = {
  attributes: number
  reparseTag: number
  links: number
  size: number
  volumeSerial: bigint
  fileId: bigint
}

/**
 * FILE_STAT_BASIC_INFORMATION (GetFileInformationByName, FileStatBasicByNameInfo): seven LARGE_INTEGERs
 * (FileId, four times, AllocationSize, EndOfFile @48), then ULONGs FileAttributes @56, ReparseTag @60,
 * NumberOfLinks @64, DeviceType, DeviceCharacteristics, Reserved, then VolumeSerialNumber @80 and the
 * 128-bit FileId128 @88 (the same id FILE_ID_INFO gives).
 */
export function decodeFileStatBasicInformation(buf: Buffer, path?: string): FileStatBasic {
  const r = new BoundedReader(buf, 'file information', path)
  r.need(0, FILE_STAT_BASIC_INFORMATION_SIZE, 'FILE_STAT_BASIC_INFORMATION')
  return {
    attributes: r.u32(56, 'FileAttributes'),
    reparseTag: r.u32(60, 'ReparseTag'),
    links: r.u32(64, 'NumberOfLinks'),
    size: Number(r.u64(48, 'EndOfFile')),
    volumeSerial: r.u64(80, 'VolumeSerialNumber'),
    fileId: (r.u64(96, 'FileId128') << 64n) | r.u64(88, 'FileId128'),
  }
}

export const FILE_STAT_INFORMATION_SIZE = 72

export type FileStatNt = { attributes: number; reparseTag: number; links: number; fileId: bigint }

/**
 * FILE_STAT_INFORMATION (NtQueryInformationByName, FileStatInformation): seven LARGE_INTEGERs (FileId @0,
 * four times, AllocationSize, EndOfFile), then ULONGs FileAttributes @56, ReparseTag @60, NumberOfLinks
 * @64, EffectiveAccess @68. Its FileId is the 64-bit one (not FILE_ID_INFO's 128 bits) and it carries no
 * volume serial, so it gives link counts, not identity.
 */
export function decodeFileStatInformation(buf: Buffer, path?: string): FileStatNt {
  const r = new BoundedReader(buf, 'file information', path)
  r.need(0, FILE_STAT_INFORMATION_SIZE, 'FILE_STAT_INFORMATION')
  return {
    fileId: r.u64(0, 'FileId'),
    attributes: r.u32(56, 'FileAttributes'),
    reparseTag: r.u32(60, 'ReparseTag'),
    links: r.u32(64, 'NumberOfLinks'),
  }
}
