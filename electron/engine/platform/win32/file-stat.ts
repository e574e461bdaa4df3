/**
 * A file's link count and exact id for the scanner, by the cheapest way this Windows has, chosen at run
 * time from what the system exports: GetFileInformationByName (FileStatBasicByNameInfo, Windows 11 24H2
 * and later) answers from the path without opening the file; NtQueryInformationByName
 * (FileStatInformation, Windows 10 1709 and later) gives the link count the same way, and the exact id
 * is then asked only of files with several names; elsewhere (older Windows, Wine) the file is opened
 * with no access rights and without following it, and asked through its handle. The
 * id is the one entry() gives: the volume serial as GetFileInformationByHandle reports it (32 bits)
 * and the 128-bit FILE_ID_INFO id.
 */
import { FileStatBasicByNameInfo, FileStatInformation, kernel32 } from './bindings/kernel32'
import {
  BY_HANDLE_FILE_INFORMATION_SIZE,
  decodeByHandleFileInformation,
  decodeFileStatBasicInformation,
  decodeFileStatInformation,
  FILE_STAT_BASIC_INFORMATION_SIZE,
  FILE_STAT_INFORMATION_SIZE,
  formatFileId,
} from './codec/file-info'
import { toExtended } from './codec/paths'
import { isLinkTag } from './codec/reparse-tags'
import { win32Error } from './codec/win32-errors'
import { identify, withEntry } from './native-file'

export type FileStat = { links: number; id: string; volumeSerial: number }

export type StatWay = 'by-name' | 'nt-by-name' | 'handle'

/** Set when NtQueryInformationByName is exported but refuses the class (Windows 10 before 1709). */
let ntRefused = false

/** Which way fileStat and fileLinks take on this system. */
export function statWay(): StatWay {
  const caps = kernel32().caps
  if (caps.fileInformationByName) return 'by-name'
  return caps.ntQueryInformationByName && !ntRefused ? 'nt-by-name' : 'handle'
}

/** NTSTATUS values that mean "this system cannot answer FileStatInformation by name at all". */
const NT_CLASS_UNSUPPORTED: ReadonlySet<number> = new Set([0xc0000002, 0xc0000003, 0xc000000d, 0xc0000010])

/**
 * The link count by name, or null where only a handle answers right: a failure (the handle's error has
 * the usual words), or a link at the end (by name it may have been followed).
 */
function ntLinks(ext: string): number | null {
  const buf = Buffer.alloc(FILE_STAT_INFORMATION_SIZE)
  const status = kernel32().NtQueryInformationByName(`\\??\\${ext.slice(4)}`, FileStatInformation, buf).ret >>> 0
  if (status !== 0) {
    if (NT_CLASS_UNSUPPORTED.has(status)) ntRefused = true
    return null
  }
  const st = decodeFileStatInformation(buf, ext)
  return st.reparseTag !== 0 && isLinkTag(st.reparseTag) ? null : st.links
}

function byHandle(ext: string): FileStat {
  const info = withEntry(ext, (h) => identify(h, ext))
  return { links: info.links, id: info.id, volumeSerial: info.volumeSerial }
}

/**
 * Just the link count, and the id only where there is more than one name (where a scan groups by it):
 * on the handle path a single-name file then costs one information call instead of two.
 */
export function fileLinks(path: string): { links: number; id?: string } {
  const ext = toExtended(path)
  const way = statWay()
  if (way === 'by-name') return fileStat(ext)
  const links = way === 'nt-by-name' ? ntLinks(ext) : null
  if (links === 1) return { links }
  return withEntry(ext, (h) => {
    const buf = Buffer.alloc(BY_HANDLE_FILE_INFORMATION_SIZE)
    const r = kernel32().GetFileInformationByHandle(h, buf)
    if (!r.ret) throw win32Error(r.err, ext)
    const { links } = decodeByHandleFileInformation(buf, ext)
    return links > 1 ? { links, id: identify(h, ext).id } : { links }
  })
}

/** Link count and id of the entry at `path`, never following it. Failures throw LinkError. */
export function fileStat(path: string): FileStat {
  const ext = toExtended(path)
  if (statWay() !== 'by-name') return byHandle(ext)
  const buf = Buffer.alloc(FILE_STAT_BASIC_INFORMATION_SIZE)
  const r = kernel32().GetFileInformationByName(ext, FileStatBasicByNameInfo, buf)
  if (!r.ret) return byHandle(ext) // the handle path gives the error its usual words, or succeeds where by-name cannot
  const st = decodeFileStatBasicInformation(buf, ext)
  // By name, a link on the last component may have been followed: only the handle is sure not to.
  if (st.reparseTag !== 0 && isLinkTag(st.reparseTag)) return byHandle(ext)
  const volumeSerial = Number(st.volumeSerial & 0xffffffffn)
  return { links: st.links, id: formatFileId(volumeSerial, st.fileId), volumeSerial }
}
