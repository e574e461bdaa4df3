/** Volume names for people, and every name of a file across its volume (FindFirstFileNameW). */
import { LinkError } from '../../../../shared/errors'
import { isValidHandle, kernel32 } from './bindings/kernel32'
import { utf16FromOut } from './codec/file-info'
import { joinVolumeRelative, toDisplay, toExtended } from './codec/paths'
import { ERROR_HANDLE_EOF, ERROR_MORE_DATA, win32Error } from './codec/win32-errors'
import { closeHandle, finalPathOfHandle, tryOpen } from './native-file'

const MAX_LONG_PATH = 32768

/** The folder the volume holding `path` is mounted at, `\\?\` form with a trailing `\` (`\\?\C:\`). */
export function volumePathOf(path: string): string {
  const ext = toExtended(path)
  const out = Buffer.alloc(MAX_LONG_PATH * 2)
  const r = kernel32().GetVolumePathNameW(ext, out)
  if (!r.ret) throw win32Error(r.err, ext)
  return utf16FromOut(out)
}

/**
 * The volume path of where `path` really is: GetVolumePathNameW only looks at the text, so a path
 * through a junction, a directory symlink or a `subst` drive would name the wrong volume. The entry's
 * final path (every link on the way resolved) names the right one; a path that does not exist yet
 * falls back to its text.
 */
export function realVolumePathOf(path: string): string {
  const ext = toExtended(path)
  const opened = tryOpen(ext, false)
  if ('err' in opened) return volumePathOf(ext)
  try {
    return volumePathOf(finalPathOfHandle(opened.handle, ext))
  } finally {
    closeHandle(opened.handle)
  }
}

/** The folder the volume holding `path` is mounted at, plain form (`C:\`, `C:\mnt\vol\`). */
export const volumeRootOf = (path: string): string => toDisplay(realVolumePathOf(path))

export type VolumeInfo = { root: string; label: string; serial: number; fileSystem: string; flags: number }

export function volumeInfo(path: string): VolumeInfo {
  const root = volumePathOf(path)
  const label = Buffer.alloc(261 * 2)
  const fsName = Buffer.alloc(261 * 2)
  const serial = [0]
  const maxComponent = [0]
  const flags = [0]
  const r = kernel32().GetVolumeInformationW(root, label, serial, maxComponent, flags, fsName)
  if (!r.ret) throw win32Error(r.err, root)
  return {
    root: toDisplay(root),
    label: utf16FromOut(label),
    serial: (serial[0] ?? 0) >>> 0,
    fileSystem: utf16FromOut(fsName),
    flags: (flags[0] ?? 0) >>> 0,
  }
}

/** `C:\ "Data" (NTFS)`, or just the root when the volume will not say more. */
export function volumeLabelOf(path: string): string {
  let info: VolumeInfo
  try {
    info = volumeInfo(path)
  } catch (e) {
    if (e instanceof LinkError && e.code !== 'NOT_FOUND') return toDisplay(volumePathOf(path))
    throw e
  }
  const label = info.label ? ` "${info.label}"` : ''
  const fs = info.fileSystem ? ` (${info.fileSystem})` : ''
  return `${info.root}${label}${fs}`
}

/**
 * Every name of the file at `path`, as plain paths; null where the system has no
 * FindFirstFileNameW (Wine). Names come back volume-relative (`\dir\f.txt`), so each is prefixed with
 * the volume path. ERROR_MORE_DATA means "retry with the length written back".
 */
export function allNamesOf(path: string): string[] | null {
  const k = kernel32()
  if (!k.caps.findFileNames) return null
  const ext = toExtended(path)
  // Names are relative to the root of the file's own volume: the one its final path is on.
  const volume = realVolumePathOf(ext)
  let out = Buffer.alloc(1024 * 2)
  const length = [1024]
  let first = k.FindFirstFileNameW(ext, length, out)
  if (!isValidHandle(first.ret) && first.err === ERROR_MORE_DATA) {
    out = Buffer.alloc((length[0] ?? MAX_LONG_PATH) * 2)
    first = k.FindFirstFileNameW(ext, length, out)
  }
  if (!isValidHandle(first.ret)) throw win32Error(first.err, ext)
  const h = first.ret
  const names = [joinVolumeRelative(volume, utf16FromOut(out, length[0]))]
  try {
    for (;;) {
      length[0] = out.length / 2
      let r = k.FindNextFileNameW(h, length, out)
      if (!r.ret && r.err === ERROR_MORE_DATA) {
        out = Buffer.alloc((length[0] ?? MAX_LONG_PATH) * 2)
        r = k.FindNextFileNameW(h, length, out)
      }
      if (!r.ret) {
        if (r.err === ERROR_HANDLE_EOF) break
        throw win32Error(r.err, ext)
      }
      names.push(joinVolumeRelative(volume, utf16FromOut(out, length[0])))
    }
  } finally {
    k.FindClose(h)
  }
  return names
}
