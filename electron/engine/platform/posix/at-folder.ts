/**
 * A folder as a handle (Linux): resolved once, opened without following links, checked, and closed after
 * the work done through it. Every operation through folder handles starts here.
 */
import { constants as fsConstants } from 'node:fs'

import { LinkError } from '../../../../shared/errors'
import type { LinkKind } from '../../../../shared/types/link'
import * as nfs from '../../fs/fs-names'
import { actsStrictly, checkFolder } from '../acting'
import { errnoCode, fromErrno } from './errno'
import type { AtStat, NativeAt } from './native-at'

export const idOf = (st: AtStat): string => `${st.dev}:${st.ino}`

export function kindOfMode(mode: number): LinkKind {
  switch (mode & fsConstants.S_IFMT) {
    case fsConstants.S_IFLNK:
      return 'symlink'
    case fsConstants.S_IFDIR:
      return 'dir'
    case fsConstants.S_IFREG:
      return 'file'
    default:
      return 'special'
  }
}

/** Run a native call; its failure becomes a LinkError about `p`. */
export function call<T>(p: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw fromErrno(e, p)
  }
}

function throughLink(dir: string): LinkError {
  let real: string | undefined
  try {
    real = nfs.realpathSync(dir)
  } catch {
    /* the plain reason below still holds */
  }
  const leads = real && real !== dir ? ` (it leads to ${real})` : ''
  return new LinkError(
    'FORBIDDEN',
    `${dir} goes through a symbolic link${leads}. Administrator operations act only on real folders, so that no link can redirect them: open ${real && real !== dir ? real : 'the real folder'} and try again.`,
    dir,
  )
}

/**
 * The folder `dir` as a handle, checked; the caller closes it. It is opened without following a link in
 * any component: in elevated work `dir` must be real already; otherwise it is first resolved as the
 * kernel resolves it (libc's realpath: one call, where node's own resolves component by component in
 * JavaScript), and a link swapped in along that real path before the open makes the act refuse.
 */
export function openFolder(at: NativeAt, dir: string): number {
  const real = actsStrictly() ? dir : call(dir, () => nfs.realpathNativeSync(dir))
  let fd: number
  try {
    fd = at.atOpenFolder(real, true)
  } catch (e) {
    if (errnoCode(e) !== 'ELOOP') throw fromErrno(e, dir)
    if (actsStrictly()) throw throughLink(dir)
    throw new LinkError(
      'CHANGED',
      `A folder on the way to ${dir} was replaced by a link while Linkscope worked there; nothing was done. Look again and retry.`,
      dir,
    )
  }
  try {
    checkFolder(dir, idOf(at.atFstat(fd)))
  } catch (e) {
    at.atClose(fd)
    throw e
  }
  return fd
}

/** The folder `dir` as a handle (openFolder), closed after `fn`. */
export function inFolder<T>(at: NativeAt, dir: string, fn: (dirfd: number) => T): T {
  const fd = openFolder(at, dir)
  try {
    return fn(fd)
  } finally {
    at.atClose(fd)
  }
}

/**
 * Folders opened once (openFolder) for a run of operations in them, at most `max` at a time (the least
 * recently used is closed first). Whoever acts through a held handle checks the entry it acts on through
 * that same handle, so a folder renamed while held only means the act happens where the folder now is.
 */
export class HeldFolders {
  private readonly fds = new Map<string, number>()

  constructor(
    private readonly at: NativeAt,
    private readonly max = 128,
  ) {}

  get(dir: string): number {
    const held = this.fds.get(dir)
    if (held !== undefined) {
      this.fds.delete(dir) // re-inserted last: the map's order is the order of use
      this.fds.set(dir, held)
      return held
    }
    if (this.fds.size >= this.max) {
      const [oldest, fd] = this.fds.entries().next().value as [string, number]
      this.fds.delete(oldest)
      this.at.atClose(fd)
    }
    const fd = openFolder(this.at, dir)
    this.fds.set(dir, fd)
    return fd
  }

  close(): void {
    for (const fd of this.fds.values()) this.at.atClose(fd)
    this.fds.clear()
  }
}

export function noSafeRename(p: string): LinkError {
  return new LinkError(
    'UNSUPPORTED_FS',
    `The file system at ${p} cannot rename without the risk of replacing what is there, so Linkscope does not do this there. Use your file manager, or a folder on another file system.`,
    p,
  )
}
