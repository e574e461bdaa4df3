/**
 * Mutating operations. Each acts inside its folder pinned once (pinned-folder.ts): new names are made
 * under the folder's final path, and removal goes through a handle to the very entry that was checked.
 * Each checks its post-condition afterwards (re-open, re-read the tag or the link count), because a
 * Win32 call can report success without effect: Wine's CreateSymbolicLinkW returns TRUE and creates
 * nothing. None of them overwrites, and none recurses.
 */
import { randomBytes } from 'node:crypto'
import { LinkError } from '../../../../shared/errors'
import type { LinkKind } from '../../../../shared/types/link'
import {
  DELETE, FILE_DISPOSITION_FLAG_DELETE, FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE, FILE_DISPOSITION_FLAG_POSIX_SEMANTICS, FILE_READ_ATTRIBUTES, FileDispositionInfo,
  FileDispositionInfoEx, FSCTL_SET_REPARSE_POINT, GENERIC_WRITE, kernel32, MOVEFILE_REPLACE_EXISTING, type Handle,
  SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE, SYMBOLIC_LINK_FLAG_DIRECTORY,
} from './bindings/kernel32'
import type { RemoveOptions } from '../link-platform'
import { FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_READONLY } from './codec/file-info'
import { validateWindowsName } from './codec/names'
import { baseName, junctionNames, slashesToBackslashes, toDisplay, toExtended } from './codec/paths'
import { encodeMountPoint, mountPointKind, type ReparseData } from './codec/reparse-buffer'
import { IO_REPARSE_TAG_MOUNT_POINT, IO_REPARSE_TAG_SYMLINK, isFollowableTag } from './codec/reparse-tags'
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, win32Error } from './codec/win32-errors'
import { attributesOf, closeHandle, identify, mustNotExist, openEntry, readReparse, tryOpen, withEntry } from './native-file'
import { inPinnedFolder, requireInside } from './pinned-folder'

const LINK_KINDS: ReadonlySet<LinkKind> = new Set(['symlink', 'junction', 'mount-point', 'wsl-symlink'])

/** A new name must be a valid Windows name and free: `\\?\` paths skip Windows' own name fixing. */
function prepareNewName(ext: string): string {
  validateWindowsName(baseName(ext))
  mustNotExist(ext, toDisplay(ext))
  return ext
}

export function createHardLink(existing: string, link: string): void {
  inPinnedFolder(link, (at) => hardLinkAt(existing, at))
}

function hardLinkAt(existing: string, at: string): void {
  const k = kernel32()
  const src = toExtended(existing)
  const dst = prepareNewName(at)
  const before = withEntry(src, (h) => identify(h, src))
  if ((before.attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0) {
    throw new LinkError('IS_DIRECTORY', `${toDisplay(src)} is a folder; hard links can only be made to files.`, toDisplay(src))
  }
  const r = k.CreateHardLinkW(dst, src)
  if (!r.ret) {
    // Windows answers 5 when the source became a folder; say so rather than "access denied".
    if (r.err === ERROR_ACCESS_DENIED && ((attributesOf(src) ?? 0) & FILE_ATTRIBUTE_DIRECTORY) !== 0) {
      throw new LinkError('IS_DIRECTORY', `${toDisplay(src)} is a folder; hard links can only be made to files.`, toDisplay(src))
    }
    if (r.err === ERROR_ACCESS_DENIED) {
      // Windows opens the source for writing its attributes too: either name may be the one refused.
      throw new LinkError('ACCESS_DENIED',
        `Windows denied making ${toDisplay(dst)} a new name of ${toDisplay(src)}: the new name's folder or the file itself (read-only, in use, protected) refused it.`, toDisplay(dst))
    }
    throw win32Error(r.err, r.err === 2 ? src : dst)
  }
  const after = withEntry(dst, (h) => identify(h, dst))
  if (after.id !== before.id || after.links < 2) {
    throw new LinkError('UNSUPPORTED_FS',
      `Windows reported the hard link ${toDisplay(dst)} as made, but it is not another name of ${toDisplay(src)}.`, toDisplay(dst))
  }
}

/**
 * Unprivileged first (Developer Mode); Windows older than 1703 rejects that flag with 87, then retry
 * without it. `/` is stored as `\`: Windows does not resolve `/` inside link text.
 */
export function createSymlink(stored: string, link: string, targetKind: 'file' | 'dir'): void {
  inPinnedFolder(link, (at) => symlinkAt(stored, at, targetKind))
}

function symlinkAt(stored: string, at: string, targetKind: 'file' | 'dir'): void {
  const k = kernel32()
  const dst = prepareNewName(at)
  const text = longAbsoluteTarget(slashesToBackslashes(stored))
  if (text.length === 0) throw new LinkError('INVALID_ARGUMENT', 'A symbolic link needs a target.', toDisplay(dst))
  const dirFlag = targetKind === 'dir' ? SYMBOLIC_LINK_FLAG_DIRECTORY : 0
  let r = k.CreateSymbolicLinkW(dst, text, dirFlag | SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE)
  if (!r.ret && r.err === ERROR_INVALID_PARAMETER) r = k.CreateSymbolicLinkW(dst, text, dirFlag)
  if (!r.ret) throw win32Error(r.err, dst)
  verifyReparse(dst, IO_REPARSE_TAG_SYMLINK, 'symbolic link')
}

/**
 * An absolute target too long for MAX_PATH goes in its `\\?\` form, or Windows refuses it unless the
 * process is long-path aware; shorter ones and relative text stay as given (what Go's Symlink does:
 * `\\?\` would also show in the link's print name).
 */
function longAbsoluteTarget(text: string): string {
  const absolute = /^[a-zA-Z]:\\/.test(text) || /^\\\\[^?.]/.test(text)
  return absolute && text.length >= LONG_TARGET ? toExtended(text) : text
}

/** Go's fixLongPath limit: the longest path a folder can be created at without `\\?\`. */
const LONG_TARGET = 248

/** After a "successful" create: the entry must exist and carry the expected tag. */
function verifyReparse(ext: string, tag: number, what: string): ReparseData {
  const shown = toDisplay(ext)
  const opened = tryOpen(ext, false)
  if ('err' in opened) {
    throw new LinkError('UNSUPPORTED_ON_PLATFORM',
      `Windows reported the ${what} ${shown} as created, but nothing is there: this system cannot make ${what}s.`, shown)
  }
  try {
    const data = readReparse(opened.handle, ext)
    if (data === null || data.tag !== tag) {
      throw new LinkError('UNSUPPORTED_FS',
        `Windows reported the ${what} ${shown} as created, but the entry there is not a ${what}.`, shown)
    }
    return data.data
  } finally {
    closeHandle(opened.handle)
  }
}

/**
 * FSCTL_SET_REPARSE_POINT on a new empty folder (what mklink /J and libuv do). Any failure removes
 * that folder again; it is ours, made a moment ago, and still empty.
 */
export function createJunction(target: string, link: string): void {
  const names = junctionNames(target)
  inPinnedFolder(link, (at) => junctionAt(names, at))
}

function junctionAt(names: { substituteName: string; printName: string }, at: string): void {
  const k = kernel32()
  const dst = prepareNewName(at)
  const made = k.CreateDirectoryW(dst)
  if (!made.ret) throw win32Error(made.err, dst)
  try {
    // share nothing (as libuv does): no one can drop a file in before the folder becomes a junction
    const h = openEntry(dst, GENERIC_WRITE, false, 0)
    try {
      const set = k.DeviceIoControl(h, FSCTL_SET_REPARSE_POINT, encodeMountPoint(names.substituteName, names.printName), null)
      if (!set.ret) {
        const e = win32Error(set.err, dst)
        throw e.code === 'UNSUPPORTED_FS'
          ? new LinkError('UNSUPPORTED_FS', `The file system at ${toDisplay(dst)} does not support junctions.`, toDisplay(dst))
          : e
      }
    } finally {
      closeHandle(h)
    }
    const stored = verifyReparse(dst, IO_REPARSE_TAG_MOUNT_POINT, 'junction')
    if (stored.type !== 'mount-point' || stored.substituteName !== names.substituteName) {
      throw new LinkError('UNKNOWN', `The junction ${toDisplay(dst)} was written but reads back with another target.`, toDisplay(dst))
    }
  } catch (e) {
    k.RemoveDirectoryW(dst)
    throw e
  }
}

/** What the caller saw at a path: its kind and its id ("<volume serial>:<file id>"). */
export type Expected = { readonly kind: LinkKind; readonly id: string }

const changedMeanwhile = (shown: string, done: string): LinkError =>
  new LinkError('CHANGED', `${shown} changed after Linkscope looked at it; nothing was ${done}. Look at it again.`, shown)

/**
 * Remove the entry itself, through one handle: opened without following (a link, never its target),
 * checked on that handle, deleted through it. For the link kinds the entry must still carry a link
 * tag: a link meanwhile replaced by a real entry is left alone, and so is a "reparse point" with no
 * tag, which is how Wine shows host symlinks (removing those deletes their target). A plain file must
 * still have another name, so its data never goes, and the entry must still be `expect` (same id). A name another program holds open goes when it
 * closes it (delete pending): that is success.
 */
export function removeEntry(path: string, expect: Expected, options: RemoveOptions = {}): void {
  const { kind } = expect
  inPinnedFolder(path, (at, folder) => {
    const shown = toDisplay(at)
    const h = openEntry(at, DELETE | FILE_READ_ATTRIBUTES)
    try {
      const { attributes, reparseTag, links, id } = identify(h, at)
      if (LINK_KINDS.has(kind) && !isFollowableTag(reparseTag)) {
        throw new LinkError('NOT_A_LINK', `${shown} is no longer a link; nothing was removed.`, shown)
      }
      if (reparseTag >>> 0 === IO_REPARSE_TAG_MOUNT_POINT) refuseVolumeMountPoint(h, at)
      if (kind === 'file' && ((attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0 || links < 2)) {
        throw new LinkError('LAST_NAME', `${shown} is now the only name of its file; removing it would delete its data. Nothing was removed.`, shown)
      }
      if (id !== expect.id) throw changedMeanwhile(shown, 'removed')
      const readOnly = (attributes & FILE_ATTRIBUTE_READONLY) !== 0
      if (readOnly && !options.readOnlyToo) {
        throw new LinkError('ACCESS_DENIED',
          `${shown} is read-only, so Linkscope left it. Removing it anyway keeps the read-only attribute on the file's other names.`, shown)
      }
      requireInside(h, at, folder)
      deleteThroughHandle(h, at, readOnly)
    } finally {
      closeHandle(h)
    }
  })
}

/**
 * A volume mount point is left alone: removing its folder would leave the volume's entry in the mount
 * manager's database, which only DeleteVolumeMountPointW (as administrator) updates.
 */
function refuseVolumeMountPoint(h: Handle, at: string): void {
  const data = readReparse(h, at)?.data
  if (data?.type === 'mount-point' && mountPointKind(data) === 'mount-point') {
    const shown = toDisplay(at)
    throw new LinkError('FORBIDDEN',
      `${shown} is where a volume is mounted; Linkscope does not unmount volumes. Use Disk Management, or mountvol ${shown} /D as administrator.`, shown)
  }
}

/**
 * Mark an open entry for deletion. POSIX semantics first (the name goes at once, even while others
 * hold it open); file systems and Windows versions without them answer 87, 50 or 1, and then the
 * classic disposition deletes it when the last handle closes.
 */
function deleteThroughHandle(h: Handle, at: string, readOnly: boolean): void {
  const k = kernel32()
  const ex = Buffer.alloc(4)
  // IGNORE_READONLY deletes this name without clearing the attribute, which the other names share.
  ex.writeUInt32LE(FILE_DISPOSITION_FLAG_DELETE | FILE_DISPOSITION_FLAG_POSIX_SEMANTICS | (readOnly ? FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE : 0))
  const r = k.SetFileInformationByHandle(h, FileDispositionInfoEx, ex)
  if (r.ret) return
  if (!POSIX_DELETE_UNSUPPORTED.has(r.err)) throw win32Error(r.err, at)
  if (readOnly) {
    const shown = toDisplay(at)
    throw new LinkError('UNSUPPORTED_FS',
      `${shown} is read-only, and this Windows or file system cannot remove a read-only name without clearing the attribute on every name of the file. Nothing was removed.`, shown)
  }
  const classic = k.SetFileInformationByHandle(h, FileDispositionInfo, Buffer.from([1]))
  if (!classic.ret) throw win32Error(classic.err, at)
}

/** ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, ERROR_INVALID_PARAMETER (what libuv falls back on) */
const POSIX_DELETE_UNSUPPORTED: ReadonlySet<number> = new Set([1, 50, ERROR_INVALID_PARAMETER])

/**
 * Move inside pinned folders: both names go through their folders' final paths. With `expectId` the
 * entry moved must be that one (CHANGED otherwise, nothing moved).
 */
function move(from: string, to: string, flags: number, expectId?: string): void {
  validateWindowsName(baseName(toExtended(to)))
  inPinnedFolder(from, (src) => inPinnedFolder(to, (dst) => moveAt(src, dst, flags, expectId)))
}

function moveAt(src: string, dst: string, flags: number, expectId: string | undefined): void {
  const before = withEntry(src, (h) => identify(h, src))
  if (expectId !== undefined && before.id !== expectId) throw changedMeanwhile(toDisplay(src), 'replaced')
  const r = kernel32().MoveFileExW(src, dst, flags)
  if (!r.ret) throw win32Error(r.err, r.err === 2 ? src : dst)
  const after = withEntry(dst, (h) => identify(h, dst))
  if (after.id !== before.id) {
    throw new LinkError('UNKNOWN', `Windows reported ${toDisplay(src)} as moved, but ${toDisplay(dst)} is another entry.`, toDisplay(dst))
  }
}

/** Without MOVEFILE_REPLACE_EXISTING Windows refuses an existing name (183/80); no copy fallback. */
export function renameNoReplace(from: string, to: string): void {
  move(from, to, 0)
}

/**
 * Put the link made at `from` in place of the link at `to`, which must still be `expect`. Files and
 * file links: one MoveFileExW with REPLACE_EXISTING, right after checking the old link's id inside the
 * pinned folder. Windows cannot replace a folder that way, folder links included, so a junction or
 * directory symlink is swapped instead: the old link moves to a side name (only if it is still
 * `expect`), the new one takes its place (the old one comes back if that fails), then the old link is
 * removed through its handle. Real folders are never replaced.
 */
export function renameReplace(from: string, to: string, expect: Expected): void {
  const dst = toExtended(to)
  const attrs = attributesOf(dst)
  const isDir = attrs !== null && (attrs & FILE_ATTRIBUTE_DIRECTORY) !== 0
  const shown = toDisplay(dst)
  if (!isDir) {
    validateWindowsName(baseName(dst))
    inPinnedFolder(from, (src) => inPinnedFolder(to, (at) => {
      if (withEntry(at, (h) => identify(h, at)).id !== expect.id) throw changedMeanwhile(shown, 'replaced')
      moveAt(src, at, MOVEFILE_REPLACE_EXISTING, undefined)
    }))
    return
  }
  // Only a link is swapped: a folder with another tag (OneDrive, ProjFS) is a real folder.
  if (!isFollowableTag(withEntry(dst, (h) => identify(h, dst)).reparseTag)) {
    throw new LinkError('ALREADY_EXISTS', `${shown} is a folder; Linkscope never replaces folders.`, shown)
  }
  const aside = `${parentDirExtended(dst)}\\.linkscope-old-${randomBytes(6).toString('hex')}`
  move(dst, aside, 0, expect.id)
  try {
    move(from, dst, 0)
  } catch (e) {
    try { move(aside, dst, 0) } catch { /* the original error matters more; the old link is at `aside` */ }
    throw e
  }
  try {
    removeEntry(aside, expect)
  } catch {
    throw new LinkError('UNKNOWN',
      `${shown} now points to the new target, but the old link could not be removed from ${toDisplay(aside)}.`, toDisplay(aside))
  }
}

const parentDirExtended = (ext: string): string => ext.slice(0, ext.lastIndexOf('\\'))
