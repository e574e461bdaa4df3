/**
 * Link operations through folder handles (Linux). Each resolves the folder once, checks it on the handle,
 * and acts relative to it, so a folder swapped for a link after the check cannot redirect the act.
 *
 * Removing and replacing go one step further: the entry is first moved into a private folder made for the
 * occasion (mode 0700, owned by whoever acts), checked there, and only then removed. Nobody else can
 * change what sits in that folder, so "check, then remove" removes exactly what was checked; when the
 * check fails, the entry is put back. No entry is ever replaced: renames never replace, or exchange two
 * entries so both stay on disk.
 */
import { randomBytes } from 'node:crypto'
import * as path from 'node:path'

import { LinkError } from '../../../../shared/errors'
import { type LinkEntry, type LinkKind, sameLinkIdentity } from '../../../../shared/types/link'
import { actsStrictly, checkSource } from '../acting'
import { call, idOf, inFolder, kindOfMode, noSafeRename } from './at-folder'
import { errnoCode, fromErrno } from './errno'
import { type AtStat, EXCHANGE, type NativeAt, NOREPLACE, REPLACE } from './native-at'

/** The one name used inside a private folder. */
const HELD = 'entry'

type Seen = { id: string; kind: LinkKind; links: number; target?: string }

function seenAt(at: NativeAt, dirfd: number, name: string): Seen {
  const st = at.atStat(dirfd, name)
  const kind = kindOfMode(st.mode)
  return { id: idOf(st), kind, links: st.nlink, ...(kind === 'symlink' ? { target: at.atReadlink(dirfd, name) } : {}) }
}

/**
 * A fresh folder only its maker may enter, inside `dirfd`, for work on `p`; removed after `fn` when it is
 * still ours and empty. Making it needs the same right as removing or renaming `p`, so failures speak of `p`.
 */
function withPrivateFolder<T>(at: NativeAt, dirfd: number, p: string, fn: (privfd: number) => T): T {
  const dir = path.dirname(p)
  const name = `.linkscope-${randomBytes(8).toString('hex')}`
  call(p, () => at.atMkdir(dirfd, name, 0o700))
  let fd = -1
  let own: AtStat | undefined
  try {
    fd = call(p, () => at.atOpenFolderIn(dirfd, name))
    own = at.atFstat(fd)
    // Between mkdir and open the name could have been given to another folder: use only the one we made.
    const uid = process.geteuid?.() ?? own.uid
    if (own.uid !== uid || (own.mode & 0o077) !== 0 || own.nlink !== 2) {
      throw new LinkError(
        'CHANGED',
        `Another program interfered in ${dir} while Linkscope worked there; nothing was done.`,
        dir,
      )
    }
    return fn(fd)
  } finally {
    try {
      if (own && idOf(at.atStat(dirfd, name)) === idOf(own)) at.atUnlink(dirfd, name, true)
    } catch {
      /* left behind, empty or holding what could not be put back: the error already says so */
    }
    if (fd >= 0) at.atClose(fd)
  }
}

/** Move what is held back to `name` in the folder; if that name was taken meanwhile, to a free one beside it. */
function putBack(at: NativeAt, privfd: number, dirfd: number, dir: string, name: string): string {
  try {
    at.atRename(privfd, HELD, dirfd, name, NOREPLACE)
    return path.join(dir, name)
  } catch (e) {
    if (errnoCode(e) !== 'EEXIST') throw fromErrno(e, path.join(dir, name))
  }
  const aside = `${name}.linkscope-restored-${randomBytes(4).toString('hex')}`
  call(path.join(dir, aside), () => at.atRename(privfd, HELD, dirfd, aside, NOREPLACE))
  return path.join(dir, aside)
}

const changed = (p: string, doing: string, putAt: string): LinkError =>
  new LinkError(
    'CHANGED',
    `${p} changed before Linkscope could ${doing} it; nothing was removed${putAt === p ? '' : ` (what was there is now at ${putAt}, since its name was taken meanwhile)`}. Look at it again.`,
    p,
  )

/** Why `now` may not be removed as `expect`, or null when it may. */
function refusal(now: Seen, expect: LinkEntry, p: string, putAt: string): LinkError | null {
  if (!sameLinkIdentity(now, expect)) return changed(p, 'remove', putAt)
  if (now.kind === 'dir')
    return new LinkError('NOT_A_LINK', `${p} is a real folder, not a link; Linkscope never deletes folders.`, p)
  if (now.kind === 'file' && now.links <= 1)
    return new LinkError('LAST_NAME', `${p} is the only name of the file; removing it would delete its data.`, p)
  return null
}

/** Remove the link or file name at `p` only if it is still `expect` and, for a file, not its last name. */
export function removeVerified(at: NativeAt, p: string, expect: LinkEntry): void {
  const dir = path.dirname(p)
  const name = path.basename(p)
  inFolder(at, dir, (dirfd) =>
    withPrivateFolder(at, dirfd, p, (privfd) => {
      try {
        at.atRename(dirfd, name, privfd, HELD, NOREPLACE)
      } catch (e) {
        // EINVAL: this file system has no rename flags (some network ones); the sibling folder rules out the rest.
        if (errnoCode(e) === 'EINVAL') return removeChecked(at, dirfd, p, name, expect)
        throw fromErrno(e, p)
      }
      const now = seenAt(at, privfd, HELD)
      const no = refusal(now, expect, p, p)
      if (no) {
        const putAt = putBack(at, privfd, dirfd, dir, name)
        throw putAt === p ? no : refusal(now, expect, p, putAt)
      }
      call(p, () => at.atUnlink(privfd, HELD, false))
    }),
  )
}

/** Without rename flags: check and unlink through the same folder handle (refused in elevated work). */
function removeChecked(at: NativeAt, dirfd: number, p: string, name: string, expect: LinkEntry): void {
  if (actsStrictly()) throw noSafeRename(p)
  const no = refusal(
    call(p, () => seenAt(at, dirfd, name)),
    expect,
    p,
    p,
  )
  if (no) throw no
  call(p, () => at.atUnlink(dirfd, name, false))
}

/** Without rename flags: check and rename over through the same folder handle (refused in elevated work). */
function replaceChecked(
  at: NativeAt,
  dirfd: number,
  tempName: string,
  p: string,
  name: string,
  expect: LinkEntry,
): void {
  if (actsStrictly()) throw noSafeRename(p)
  if (
    !sameLinkIdentity(
      call(p, () => seenAt(at, dirfd, name)),
      expect,
    )
  )
    throw changed(p, 'retarget', p)
  call(p, () => at.atRename(dirfd, tempName, dirfd, name, REPLACE))
}

/**
 * Put the link made at `temp` in place of `p`, which must still be `expect` (the link being retargeted):
 * the two are exchanged, the old one is checked in the private folder and removed; anything else found at
 * `p` is exchanged back and left as it was.
 */
export function replaceVerified(at: NativeAt, temp: string, p: string, expect: LinkEntry): void {
  const dir = path.dirname(p)
  const name = path.basename(p)
  const tempName = path.basename(temp)
  if (path.dirname(temp) !== dir) throw new LinkError('INVALID_ARGUMENT', `${temp} is not beside ${p}.`, temp)
  inFolder(at, dir, (dirfd) => {
    const made = call(temp, () => seenAt(at, dirfd, tempName))
    withPrivateFolder(at, dirfd, p, (privfd) => {
      try {
        at.atRename(dirfd, tempName, privfd, HELD, NOREPLACE)
      } catch (e) {
        if (errnoCode(e) === 'EINVAL') return replaceChecked(at, dirfd, tempName, p, name, expect)
        throw fromErrno(e, temp)
      }
      if (seenAt(at, privfd, HELD).id !== made.id) {
        putBack(at, privfd, dirfd, dir, tempName)
        throw new LinkError(
          'CHANGED',
          `Another program interfered in ${dir} while Linkscope retargeted ${p}; nothing was changed.`,
          p,
        )
      }
      try {
        at.atRename(privfd, HELD, dirfd, name, EXCHANGE)
      } catch (e) {
        putBack(at, privfd, dirfd, dir, tempName)
        if (errnoCode(e) === 'EINVAL') return replaceChecked(at, dirfd, tempName, p, name, expect)
        throw fromErrno(e, p)
      }
      if (sameLinkIdentity(seenAt(at, privfd, HELD), expect)) return call(p, () => at.atUnlink(privfd, HELD, false))
      // Something else was at p: give it its name back, and remove our new link only if that is what returned.
      call(p, () => at.atRename(privfd, HELD, dirfd, name, EXCHANGE))
      if (seenAt(at, privfd, HELD).id === made.id) at.atUnlink(privfd, HELD, false)
      else putBack(at, privfd, dirfd, dir, tempName)
      throw new LinkError(
        'CHANGED',
        `${p} changed before Linkscope could retarget it; it was left as it was. Look at it again.`,
        p,
      )
    })
  })
}

/** Rename within or across folders, never replacing what is at `to`. */
export function renameNoReplaceAt(at: NativeAt, from: string, to: string): void {
  inFolder(at, path.dirname(from), (fromfd) => {
    const rename = (tofd: number): void => {
      try {
        at.atRename(fromfd, path.basename(from), tofd, path.basename(to), NOREPLACE)
      } catch (e) {
        if (errnoCode(e) === 'EINVAL') throw noSafeRename(to) // no rename flags on this file system
        throw fromErrno(e, errnoCode(e) === 'ENOENT' ? from : to)
      }
    }
    if (path.dirname(to) === path.dirname(from)) rename(fromfd)
    else inFolder(at, path.dirname(to), rename)
  })
}

/** A new symbolic link storing `stored` at `link` (never replacing). */
export function symlinkAt(at: NativeAt, stored: string, link: string): void {
  inFolder(at, path.dirname(link), (dirfd) => call(link, () => at.atSymlink(stored, dirfd, path.basename(link))))
}

/** A new name `link` for the file `existing`: the file is opened once, checked, and linked through that handle. */
export function hardLinkAt(at: NativeAt, existing: string, link: string): void {
  inFolder(at, path.dirname(existing), (srcdir) => {
    const fd = call(existing, () => at.atOpenEntry(srcdir, path.basename(existing)))
    try {
      const st = at.atFstat(fd)
      const kind = kindOfMode(st.mode)
      if (kind === 'dir' || kind === 'symlink') {
        throw new LinkError(
          'CHANGED',
          `${existing} is now a ${kind === 'dir' ? 'folder' : 'symbolic link'}; no hard link was made. Look at it again.`,
          existing,
        )
      }
      checkSource(existing, idOf(st))
      inFolder(at, path.dirname(link), (dirfd) => call(link, () => at.atLinkFd(fd, dirfd, path.basename(link))))
    } finally {
      at.atClose(fd)
    }
  })
}
