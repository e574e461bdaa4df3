/**
 * Removing one entry through one handle: a link (never its target, never recursing) or one name of a
 * file with other names, checked on the handle that deletes it.
 */
import { LinkError } from '../../../../shared/errors'
import type { LinkKind } from '../../../../shared/types/link'
import type { RemoveOptions } from '../link-platform'
import {
  DELETE,
  FILE_DISPOSITION_FLAG_DELETE,
  FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE,
  FILE_DISPOSITION_FLAG_POSIX_SEMANTICS,
  FILE_READ_ATTRIBUTES,
  FileDispositionInfo,
  FileDispositionInfoEx,
  type Handle,
  kernel32,
} from './bindings/kernel32'
import { FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_READONLY } from './codec/file-info'
import { toDisplay } from './codec/paths'
import { mountPointKind } from './codec/reparse-buffer'
import { IO_REPARSE_TAG_MOUNT_POINT, isFollowableTag } from './codec/reparse-tags'
import { ERROR_INVALID_PARAMETER, win32Error } from './codec/win32-errors'
import { closeHandle, identify, openEntry, readReparse } from './native-file'
import { inPinnedFolder, requireInside } from './pinned-folder'

const LINK_KINDS: ReadonlySet<LinkKind> = new Set(['symlink', 'junction', 'mount-point', 'wsl-symlink'])

/** What the caller saw at a path: its kind and its id ("<volume serial>:<file id>"). */
export type Expected = { readonly kind: LinkKind; readonly id: string }

export const changedMeanwhile = (shown: string, done: string): LinkError =>
  new LinkError(
    'CHANGED',
    `${shown} changed after Linkscope looked at it; nothing was ${done}. Look at it again.`,
    shown,
  )

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
        throw new LinkError(
          'LAST_NAME',
          `${shown} is now the only name of its file; removing it would delete its data. Nothing was removed.`,
          shown,
        )
      }
      if (id !== expect.id) throw changedMeanwhile(shown, 'removed')
      const readOnly = (attributes & FILE_ATTRIBUTE_READONLY) !== 0
      if (readOnly && !options.readOnlyToo) {
        throw new LinkError(
          'READ_ONLY',
          `${shown} is read-only, so Linkscope left it. Removing it anyway keeps the read-only attribute on the file's other names.`,
          shown,
        )
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
    throw new LinkError(
      'FORBIDDEN',
      `${shown} is where a volume is mounted; Linkscope does not unmount volumes. Use Disk Management, or mountvol ${shown} /D as administrator.`,
      shown,
    )
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
  ex.writeUInt32LE(
    FILE_DISPOSITION_FLAG_DELETE |
      FILE_DISPOSITION_FLAG_POSIX_SEMANTICS |
      (readOnly ? FILE_DISPOSITION_FLAG_IGNORE_READONLY_ATTRIBUTE : 0),
  )
  const r = k.SetFileInformationByHandle(h, FileDispositionInfoEx, ex)
  if (r.ret) return
  if (!POSIX_DELETE_UNSUPPORTED.has(r.err)) throw win32Error(r.err, at)
  if (readOnly) {
    const shown = toDisplay(at)
    throw new LinkError(
      'UNSUPPORTED_FS',
      `${shown} is read-only, and this Windows or file system cannot remove a read-only name without clearing the attribute on every name of the file. Nothing was removed.`,
      shown,
    )
  }
  const classic = k.SetFileInformationByHandle(h, FileDispositionInfo, Buffer.from([1]))
  if (!classic.ret) throw win32Error(classic.err, at)
}

/** ERROR_INVALID_FUNCTION, ERROR_NOT_SUPPORTED, ERROR_INVALID_PARAMETER (what libuv falls back on) */
const POSIX_DELETE_UNSUPPORTED: ReadonlySet<number> = new Set([1, 50, ERROR_INVALID_PARAMETER])
