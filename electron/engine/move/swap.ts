/**
 * The swap: what sits at `temp` (beside `place`) takes `place`'s name, and what was at `place` ends up
 * beside it. On Linux the two trade names in one renameat2(RENAME_EXCHANGE), so at every instant `place`
 * names either the old thing or the new one. Elsewhere it takes two renames (place to `aside`, then temp
 * to place); a crash between them leaves `aside` holding the data, and recover.ts renames it back.
 */
import { randomBytes } from 'node:crypto'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { EXCHANGE, fromErrno, inFolder, nativeAt, platform } from '../platform'
import type { LinkPlatform } from '../platform/link-platform'
import type { LeaveKind } from './move-journal'

/** A hidden name beside `p`, for the link or copy being prepared and for the original set aside. */
export const besideName = (p: string, what: string): string =>
  path.join(path.dirname(p), `.${path.basename(p)}.linkscope-${what}-${randomBytes(4).toString('hex')}`)

/** The dev:ino a path leads to (following links), or null where it leads nowhere. */
export function idThrough(p: string): string | null {
  const st = nfs.statOrUndefined(p)
  return st ? `${st.dev}:${st.ino}` : null
}

export function idOf(p: string): string | null {
  const st = nfs.lstatOrUndefined(p)
  return st ? `${st.dev}:${st.ino}` : null
}

/** Whether `p` is a link (symbolic link, or a junction as the platform reads it), not following it. */
export function isLinkAt(p: string, on: LinkPlatform = platform()): boolean {
  try {
    const k = on.entry(p).kind
    return k === 'symlink' || k === 'junction'
  } catch {
    return false
  }
}

/** Remove the link at `p` if there is one there (a junction is removed as Windows removes it, by the platform). */
export function removeLink(p: string, on: LinkPlatform): void {
  if (!isLinkAt(p, on)) return
  on.removeEntry(p, on.entry(p))
}

export function makeLink(kind: LeaveKind, target: string, at: string, on: LinkPlatform): void {
  if (kind === 'junction') on.createJunction(target, at)
  else on.createSymlink(target, at, 'dir')
  if (idThrough(at) !== idOf(target)) {
    throw new LinkError('CHANGED', `The link made at ${at} does not lead to ${target}; nothing was swapped.`, at)
  }
}

/** Put `temp` at `place`'s name; returns where the old `place` now is (`temp` or `aside`). */
export function swapIn(temp: string, place: string, aside: string, on: LinkPlatform): string {
  const at = on.kind === 'posix' ? nativeAt() : null
  if (at) {
    inFolder(at, path.dirname(place), (dirfd) => {
      try {
        at.atRename(dirfd, path.basename(temp), dirfd, path.basename(place), EXCHANGE)
      } catch (e) {
        throw fromErrno(e, place)
      }
    })
    return temp
  }
  on.renameNoReplace(place, aside)
  on.renameNoReplace(temp, place)
  return aside
}
