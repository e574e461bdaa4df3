/**
 * File-level building blocks over kernel32: open without following, read identity and reparse data,
 * check existence. Every failure becomes a LinkError about the path through win32Error.
 */
import { LinkError } from '../../../../shared/errors'
import {
  FILE_FLAG_BACKUP_SEMANTICS,
  FILE_FLAG_OPEN_REPARSE_POINT,
  FILE_SHARE_ALL,
  FileAttributeTagInfo,
  FileIdInfo,
  FileNameInfo,
  FSCTL_GET_REPARSE_POINT,
  type Handle,
  INVALID_FILE_ATTRIBUTES,
  isValidHandle,
  kernel32,
  OPEN_EXISTING,
  VOLUME_NAME_DOS,
} from './bindings/kernel32'
import {
  BY_HANDLE_FILE_INFORMATION_SIZE,
  type ByHandleFileInformation,
  decodeByHandleFileInformation,
  decodeFileAttributeTagInfo,
  decodeFileIdInfo,
  FILE_ATTRIBUTE_REPARSE_POINT,
  FILE_ATTRIBUTE_TAG_INFO_SIZE,
  FILE_ID_INFO_SIZE,
  formatFileId,
} from './codec/file-info'
import { toDisplay } from './codec/paths'
import { decodeReparseBuffer, MAXIMUM_REPARSE_DATA_BUFFER_SIZE, type ReparseData } from './codec/reparse-buffer'
import { ERROR_NOT_A_REPARSE_POINT, isNotFound, win32Error } from './codec/win32-errors'

/** Open the entry itself (a link, not its target), with no access rights: that works on folders like
 * "C:\Documents and Settings" whose ACL denies listing, and is all identity and FSCTL_GET need. */
const NO_FOLLOW = FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT

export function openEntry(path: string, access = 0, follow = false, share = FILE_SHARE_ALL): Handle {
  const { ret, err } = kernel32().CreateFileW(
    path,
    access,
    share,
    OPEN_EXISTING,
    follow ? FILE_FLAG_BACKUP_SEMANTICS : NO_FOLLOW,
  )
  if (!isValidHandle(ret)) throw win32Error(err, path)
  return ret
}

/** Like openEntry, but answers the Win32 error instead of throwing (for status probes). */
export function tryOpen(path: string, follow: boolean): { handle: Handle } | { err: number } {
  const { ret, err } = kernel32().CreateFileW(
    path,
    0,
    FILE_SHARE_ALL,
    OPEN_EXISTING,
    follow ? FILE_FLAG_BACKUP_SEMANTICS : NO_FOLLOW,
  )
  return isValidHandle(ret) ? { handle: ret } : { err }
}

export function closeHandle(h: Handle): void {
  kernel32().CloseHandle(h)
}

export function withEntry<T>(path: string, fn: (h: Handle) => T, access = 0, follow = false): T {
  const h = openEntry(path, access, follow)
  try {
    return fn(h)
  } finally {
    closeHandle(h)
  }
}

export type Identity = ByHandleFileInformation & { id: string; reparseTag: number }

/**
 * Attributes, size, times, link count and "<volume serial>:<file id>". The id prefers FILE_ID_INFO's
 * 128-bit id (ReFS needs it; on NTFS it equals the 64-bit index) and falls back to BHFI's index.
 */
export function identify(h: Handle, path: string): Identity {
  const k = kernel32()
  const bhfi = Buffer.alloc(BY_HANDLE_FILE_INFORMATION_SIZE)
  const info = k.GetFileInformationByHandle(h, bhfi)
  if (!info.ret) throw win32Error(info.err, path)
  const base = decodeByHandleFileInformation(bhfi, path)
  let fileId = base.fileIndex
  const idBuf = Buffer.alloc(FILE_ID_INFO_SIZE)
  if (k.GetFileInformationByHandleEx(h, FileIdInfo, idBuf).ret) fileId = decodeFileIdInfo(idBuf, path).fileId
  let reparseTag = 0
  if ((base.attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0) {
    const tagBuf = Buffer.alloc(FILE_ATTRIBUTE_TAG_INFO_SIZE)
    const t = k.GetFileInformationByHandleEx(h, FileAttributeTagInfo, tagBuf)
    if (!t.ret) throw win32Error(t.err, path)
    reparseTag = decodeFileAttributeTagInfo(tagBuf, path).reparseTag
  }
  return { ...base, id: formatFileId(base.volumeSerial, fileId), reparseTag }
}

const ERROR_MORE_DATA = 234
/** the longest path Windows handles, in UTF-16 units */
const MAX_LONG_PATH = 32767

/**
 * The path Windows resolved an open handle to, in plain form: every link and junction on the way
 * substituted, long names, the drive as a letter (`C:\x`) or a share (`\\srv\share\x`).
 */
export function finalPathOfHandle(h: Handle, path: string): string {
  let out = Buffer.alloc(1024)
  for (let tries = 0; tries < 2; tries++) {
    const r = kernel32().GetFinalPathNameByHandleW(h, out, VOLUME_NAME_DOS)
    // Too small a buffer: Windows answers the size needed (characters with the NUL), Wine 0 and 234.
    const tooSmall = r.ret >= out.length / 2 || (r.ret === 0 && r.err === ERROR_MORE_DATA)
    if (r.ret === 0 && !tooSmall) throw win32Error(r.err, path)
    if (!tooSmall) return toDisplay(out.subarray(0, r.ret * 2).toString('utf16le'))
    out = Buffer.alloc(Math.max(r.ret, MAX_LONG_PATH) * 2 + 2)
  }
  // Wine answers 234 for any path longer than MAX_PATH, whatever the buffer: ask for the name below the volume root.
  const below = finalPathOnSameDrive(h, path)
  if (below !== null) return below
  throw new LinkError('PATH_TOO_LONG', `Windows gave no final path for ${toDisplay(path)}.`, toDisplay(path))
}

/**
 * FILE_NAME_INFO gives the final path below the volume's root (links resolved) without the drive.
 * It is put under the drive of `path` only when the handle is on that drive's volume.
 */
function finalPathOnSameDrive(h: Handle, path: string): string | null {
  const drive = /^([A-Za-z]:)\\/.exec(toDisplay(path))?.[1]
  if (!drive) return null
  const k = kernel32()
  const buf = Buffer.alloc(4 + MAX_LONG_PATH * 2)
  if (!k.GetFileInformationByHandleEx(h, FileNameInfo, buf).ret) return null
  const below = buf.subarray(4, 4 + Math.min(buf.readUInt32LE(0), buf.length - 4)).toString('utf16le')
  const root = tryOpen(`\\\\?\\${drive}\\`, true)
  if ('err' in root) return null
  try {
    return identify(root.handle, drive).volumeSerial === identify(h, path).volumeSerial ? `${drive}${below}` : null
  } finally {
    closeHandle(root.handle)
  }
}

/** FSCTL_GET_REPARSE_POINT on an open handle; null for an entry that is not a reparse point. */
export function readReparse(h: Handle, path: string): { tag: number; data: ReparseData } | null {
  const out = Buffer.alloc(MAXIMUM_REPARSE_DATA_BUFFER_SIZE)
  const r = kernel32().DeviceIoControl(h, FSCTL_GET_REPARSE_POINT, null, out)
  if (!r.ret) {
    if (r.err === ERROR_NOT_A_REPARSE_POINT) return null
    throw win32Error(r.err, path)
  }
  return decodeReparseBuffer(out.subarray(0, r.returned), path)
}

/** Attributes without opening, or null when nothing is there. Other failures throw. */
export function attributesOf(path: string): number | null {
  const { ret, err } = kernel32().GetFileAttributesW(path)
  if (ret >>> 0 !== INVALID_FILE_ATTRIBUTES) return ret >>> 0
  if (isNotFound(err)) return null
  throw win32Error(err, path)
}

/**
 * Whether two names or paths are the same to Windows: CompareStringOrdinal ignoring case, the
 * per-character upper-casing NTFS applies. JS toLowerCase differs (it maps ß to SS when upper-casing,
 * and İ to two characters when lower-casing). Folders marked case-sensitive: case-rule.ts.
 */
export const sameIgnoringCase = (a: string, b: string): boolean =>
  kernel32().CompareStringOrdinal(a, b, true).ret === CSTR_EQUAL

const CSTR_EQUAL = 2

export function mustNotExist(path: string, shown: string): void {
  if (attributesOf(path) !== null) {
    throw new LinkError('ALREADY_EXISTS', `${shown} already exists; Linkscope never overwrites.`, shown)
  }
}
