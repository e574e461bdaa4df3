/**
 * Windows path forms. Internally every Win32 call gets the `\\?\` form, which lifts
 * MAX_PATH but also switches off `/` conversion and `.`/`..` handling, so paths are normalised here
 * first. People see plain paths (`C:\x`, `\\srv\share\x`). `\??\` is the NT form stored in reparse
 * data. Pure string work via path.win32, so it behaves the same on any host.
 */
import * as path from 'node:path'

import { LinkError } from '../../../../../shared/errors'

const W = path.win32
const EXTENDED = '\\\\?\\'
const EXTENDED_UNC = '\\\\?\\UNC\\'
const NT = '\\??\\'

const DRIVE_ABS = /^[a-zA-Z]:\\/
const DRIVE_ONLY = /^[a-zA-Z]:$/
const VOLUME_GUID = /^\\\\\?\\Volume\{[0-9a-fA-F-]+\}(\\|$)/

export const isExtended = (p: string): boolean => p.startsWith(EXTENDED)
export const isVolumeGuidPath = (p: string): boolean => VOLUME_GUID.test(p)
export const slashesToBackslashes = (p: string): string => p.replace(/\//g, '\\')

/** `C:\`, `\\?\C:\`, `\??\C:\`, `C:` (any trailing separators). */
export function isDriveRoot(p: string): boolean {
  const plain = toDisplay(p)
  return DRIVE_ONLY.test(plain) || /^[a-zA-Z]:\\+$/.test(plain)
}

/** Strip `.`/`..` and doubled or trailing separators; keep the `\` of a bare drive root. */
function normalizeAbsolute(plain: string): string {
  if (DRIVE_ONLY.test(plain)) return `${plain.toUpperCase()}\\`
  let n = W.normalize(plain)
  if (n.length > 3 || !DRIVE_ABS.test(n)) n = n.replace(/\\+$/, '')
  if (DRIVE_ABS.test(n)) n = n[0]!.toUpperCase() + n.slice(1)
  return n
}

function requireAbsolute(p: string, plain: string): void {
  const isUnc = /^\\\\[^\\?.]/.test(plain)
  if (!(DRIVE_ABS.test(plain) || DRIVE_ONLY.test(plain) || isUnc)) {
    throw new LinkError(
      'INVALID_ARGUMENT',
      `${p} is not a full path (it needs a drive letter or a \\\\server\\share).`,
      p,
    )
  }
  if (isUnc && plain.replace(/^\\\\/, '').split('\\').filter(Boolean).length < 2) {
    throw new LinkError('INVALID_ARGUMENT', `${p} names a server but no share.`, p)
  }
}

/**
 * The plain form people read, as Go's normaliseLinkPath makes it: `\\?\C:\x` and `\??\C:\x` →
 * `C:\x`, `\??\UNC\s\x` (any case) → `\\s\x`. Anything else behind the prefix (a volume GUID,
 * `GLOBALROOT\Device\…` of a shadow copy) has no plain form and stays a `\\?\` path, which is still
 * absolute: stripping the prefix would turn it into a relative path.
 */
export function toDisplay(p: string): string {
  if (!p.startsWith(EXTENDED) && !p.startsWith(NT)) return slashesToBackslashes(p)
  const rest = p.slice(EXTENDED.length)
  if (/^UNC\\/i.test(rest)) return `\\\\${rest.slice(4)}`
  if (/^[a-zA-Z]:(\\|$)/.test(rest)) return rest
  return EXTENDED + rest
}

/**
 * The `\\?\` form of an absolute path, normalised. Volume GUID paths pass through. Relative,
 * drive-relative (`C:x`) and rooted (`\x`) paths are refused: they depend on a current directory.
 */
export function toExtended(p: string): string {
  if (p.length === 0) throw new LinkError('INVALID_ARGUMENT', 'An empty path was given.')
  const plain = toDisplay(p)
  // a device path with no drive or share form (volume GUID, GLOBALROOT) goes to Windows as it is
  if (plain.startsWith(EXTENDED)) return plain
  requireAbsolute(p, plain)
  const n = normalizeAbsolute(plain)
  return n.startsWith('\\\\') ? EXTENDED_UNC + n.slice(2) : EXTENDED + n
}

/** Plain, normalised absolute path (what toExtended gives, minus the prefix). */
export const toPlainAbsolute = (p: string): string => toDisplay(toExtended(p))

/** Last component of a path in any form (`C:\` for a drive root). */
export function baseName(p: string): string {
  const plain = toDisplay(p).replace(/\\+$/, '')
  if (DRIVE_ONLY.test(plain)) return `${plain}\\`
  return W.basename(plain)
}

/** The folder holding `p`, plain form. */
export const parentDir = (p: string): string => W.dirname(toPlainAbsolute(p))

/**
 * Substitute and print names for a junction to `target` (as mklink /J writes them): absolute, local, no
 * `\\?\`, trailing `\` only on a bare drive root. UNC targets are refused: NTFS will not follow them.
 */
export function junctionNames(target: string): { substituteName: string; printName: string } {
  const plain = toPlainAbsolute(target)
  if (!DRIVE_ABS.test(plain)) {
    throw new LinkError(
      'INVALID_ARGUMENT',
      `A junction can only point to a folder on a local drive, not ${target}: Windows does not follow junctions to network folders. Use a folder symbolic link instead.`,
      target,
    )
  }
  const substituteName = NT + plain
  // Both names, with their NULs, must fit the 16 KiB reparse buffer (8 header + 8 fixed bytes): a very
  // long target keeps its substitute name and an empty print name, as Rust and PowerShell always write.
  if (namesBytes(substituteName, plain) <= JUNCTION_NAME_BYTES) return { substituteName, printName: plain }
  if (namesBytes(substituteName, '') <= JUNCTION_NAME_BYTES) return { substituteName, printName: '' }
  throw new LinkError(
    'PATH_TOO_LONG',
    `${plain} is too long for a junction to point to (${plain.length} characters).`,
    target,
  )
}

const JUNCTION_NAME_BYTES = 16384 - 16
const namesBytes = (a: string, b: string): number => (a.length + 1 + b.length + 1) * 2

/**
 * Where a symlink's stored text points, as a plain absolute path. Relative text resolves against
 * the folder that really holds the link (`folder`, its final path: a link reached through a junction
 * is read from where the junction leads, as Windows reads it), else the link's own folder; `\x`
 * (rooted) against that folder's drive. Drive-relative text (`D:x`, which CreateSymbolicLinkW never
 * writes) would resolve against this process's current folder on that drive: null, it leads nowhere
 * fixed.
 */
export function resolveStoredTarget(
  linkPath: string,
  stored: string,
  relative: boolean,
  folder?: string,
): string | null {
  if (!relative) return toDisplay(stored)
  const text = slashesToBackslashes(stored)
  if (/^[a-zA-Z]:(?!\\)/.test(text)) return null
  return normalizeAbsolute(W.resolve(folder ?? parentDir(linkPath), text))
}

/**
 * A WSL symlink's POSIX text as a Windows path, where one exists: relative text against the link's
 * folder, `/mnt/<drive>/…` as that drive. Other absolute paths live inside a distribution: null.
 */
export function resolveLxTarget(linkPath: string, target: string): string | null {
  const mnt = /^\/mnt\/([a-zA-Z])(\/.*)?$/.exec(target)
  if (mnt) return normalizeAbsolute(`${mnt[1]!.toUpperCase()}:\\${slashesToBackslashes(mnt[2] ?? '')}`)
  if (target.startsWith('/') || target.length === 0) return null
  return normalizeAbsolute(W.resolve(parentDir(linkPath), slashesToBackslashes(target)))
}

/** FindFirstFileNameW gives `\dir\f.txt` relative to the volume; join it to `C:\` or `C:\mnt\vol\`. */
export function joinVolumeRelative(volumePath: string, relative: string): string {
  const root = toDisplay(volumePath).replace(/\\+$/, '')
  return `${root}\\${relative.replace(/^\\+/, '')}`
}
