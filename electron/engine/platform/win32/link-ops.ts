/**
 * Making links. Each acts inside its folder pinned once (pinned-folder.ts): new names are made under
 * the folder's final path. Each checks its post-condition afterwards (re-open, re-read the tag or the
 * link count), because a Win32 call can report success without effect: Wine's CreateSymbolicLinkW
 * returns TRUE and creates nothing. None of them overwrites. Removal is in remove-entry.ts, renames in
 * rename-ops.ts.
 */
import { LinkError } from '../../../../shared/errors'
import {
  FSCTL_SET_REPARSE_POINT,
  GENERIC_WRITE,
  kernel32,
  SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE,
  SYMBOLIC_LINK_FLAG_DIRECTORY,
} from './bindings/kernel32'
import { FILE_ATTRIBUTE_DIRECTORY } from './codec/file-info'
import { validateWindowsName } from './codec/names'
import { baseName, junctionNames, slashesToBackslashes, toDisplay, toExtended } from './codec/paths'
import { encodeMountPoint, type ReparseData } from './codec/reparse-buffer'
import { IO_REPARSE_TAG_MOUNT_POINT, IO_REPARSE_TAG_SYMLINK } from './codec/reparse-tags'
import { ERROR_ACCESS_DENIED, ERROR_INVALID_PARAMETER, win32Error } from './codec/win32-errors'
import { requireJunctionVolumes } from './junction-volumes'
import {
  attributesOf,
  closeHandle,
  identify,
  mustNotExist,
  openEntry,
  readReparse,
  tryOpen,
  withEntry,
} from './native-file'
import { inPinnedFolder } from './pinned-folder'

const NT_PREFIX = '\\??\\'

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
    throw new LinkError(
      'IS_DIRECTORY',
      `${toDisplay(src)} is a folder; hard links can only be made to files.`,
      toDisplay(src),
    )
  }
  const r = k.CreateHardLinkW(dst, src)
  if (!r.ret) {
    // Windows answers 5 when the source became a folder; say so rather than "access denied".
    if (r.err === ERROR_ACCESS_DENIED && ((attributesOf(src) ?? 0) & FILE_ATTRIBUTE_DIRECTORY) !== 0) {
      throw new LinkError(
        'IS_DIRECTORY',
        `${toDisplay(src)} is a folder; hard links can only be made to files.`,
        toDisplay(src),
      )
    }
    if (r.err === ERROR_ACCESS_DENIED) {
      // Windows opens the source for writing its attributes too: either name may be the one refused.
      throw new LinkError(
        'ACCESS_DENIED',
        `Windows denied making ${toDisplay(dst)} a new name of ${toDisplay(src)}: the new name's folder or the file itself (read-only, in use, protected) refused it.`,
        toDisplay(dst),
      )
    }
    throw win32Error(r.err, r.err === 2 ? src : dst)
  }
  const after = withEntry(dst, (h) => identify(h, dst))
  if (after.id !== before.id || after.links < 2) {
    throw new LinkError(
      'UNSUPPORTED_FS',
      `Windows reported the hard link ${toDisplay(dst)} as made, but it is not another name of ${toDisplay(src)}.`,
      toDisplay(dst),
    )
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
    throw new LinkError(
      'UNSUPPORTED_ON_PLATFORM',
      `Windows reported the ${what} ${shown} as created, but nothing is there: this system cannot make ${what}s.`,
      shown,
    )
  }
  try {
    const data = readReparse(opened.handle, ext)
    if (data === null || data.tag !== tag) {
      throw new LinkError(
        'UNSUPPORTED_FS',
        `Windows reported the ${what} ${shown} as created, but the entry there is not a ${what}.`,
        shown,
      )
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
  inPinnedFolder(link, (at) => {
    requireJunctionVolumes(names.substituteName.slice(NT_PREFIX.length), at)
    junctionAt(names, at)
  })
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
      const set = k.DeviceIoControl(
        h,
        FSCTL_SET_REPARSE_POINT,
        encodeMountPoint(names.substituteName, names.printName),
        null,
      )
      if (!set.ret) {
        const e = win32Error(set.err, dst)
        throw e.code === 'UNSUPPORTED_FS'
          ? new LinkError(
              'UNSUPPORTED_FS',
              `The file system at ${toDisplay(dst)} does not support junctions.`,
              toDisplay(dst),
            )
          : e
      }
    } finally {
      closeHandle(h)
    }
    const stored = verifyReparse(dst, IO_REPARSE_TAG_MOUNT_POINT, 'junction')
    if (stored.type !== 'mount-point' || stored.substituteName !== names.substituteName) {
      throw new LinkError(
        'UNKNOWN',
        `The junction ${toDisplay(dst)} was written but reads back with another target.`,
        toDisplay(dst),
      )
    }
  } catch (e) {
    k.RemoveDirectoryW(dst)
    throw e
  }
}
