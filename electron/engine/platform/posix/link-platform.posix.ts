/**
 * LinkPlatform on Linux and macOS. Listing and reading use node:fs (synchronous: see link-platform.ts).
 * Acts go through folder handles where the native addon provides them (Linux: at-ops.ts), so they act on
 * exactly what was checked; elsewhere they fall back to node:fs paths with the same checks just before,
 * except in elevated work, which is refused without handles.
 */
import * as path from 'node:path'

import { LinkError } from '../../../../shared/errors'
import { type LinkEntry, sameLinkIdentity } from '../../../../shared/types/link'
import * as fs from '../../fs/fs-names'
import { actsStrictly } from '../acting'
import type { DirBatchReader, LinkPlatform } from '../link-platform'
import { hardLinkAt, removeVerified, renameNoReplaceAt, replaceVerified, symlinkAt } from './at-ops'
import { posixEntry } from './entry.posix'
import { errnoCode, fromErrno, fsCall } from './errno'
import { nativeAt, nativeAtMissing } from './native-at'

function openDir(dir: string): DirBatchReader {
  const handle = fsCall(dir, () => fs.opendirSync(dir, 1024))
  let closed = false
  return {
    next(max) {
      if (closed) return null
      const names: string[] = []
      while (names.length < max) {
        const name = fsCall(dir, () => handle.readName())
        if (name === null) break
        names.push(name)
      }
      return names.length > 0 ? names : null
    },
    close() {
      if (!closed) {
        closed = true
        handle.closeSync()
      }
    },
  }
}

/** The mount point holding `p` (the nearest existing ancestor for paths not yet made). */
function mountPointOf(p: string): string {
  let cur = path.resolve(p)
  while (!fs.existsSync(cur) && path.dirname(cur) !== cur) cur = path.dirname(cur)
  const dev = fs.statSync(cur).dev
  for (;;) {
    const parent = path.dirname(cur)
    if (parent === cur || fs.statSync(parent).dev !== dev) return cur
    cur = parent
  }
}

function existsNoFollow(p: string): boolean {
  try {
    fs.lstatSync(p)
    return true
  } catch (e) {
    if (errnoCode(e) === 'ENOENT') return false
    throw fromErrno(e, p)
  }
}

/** Path-based acts are for ordinary work only: elevated work must act through handles. */
function pathBased(p: string): void {
  if (actsStrictly()) {
    throw new LinkError(
      'UNSUPPORTED_ON_PLATFORM',
      `Linkscope does not act as administrator here: ${nativeAtMissing()}, and without it another program could redirect the operation. Do it in a terminal with sudo instead.`,
      p,
    )
  }
}

/** The last look before a path-based act: the entry at `p` is still `expect`. */
function stillThere(p: string, expect: LinkEntry, doing: string): void {
  let now: LinkEntry
  try {
    now = posixEntry(p)
  } catch {
    throw new LinkError('NOT_FOUND', `${p} disappeared before Linkscope could ${doing} it; nothing was done.`, p)
  }
  if (!sameLinkIdentity(now, expect))
    throw new LinkError(
      'CHANGED',
      `${p} changed before Linkscope could ${doing} it; nothing was done. Look at it again.`,
      p,
    )
}

export function createPosixPlatform(): LinkPlatform {
  return {
    kind: 'posix',
    sep: '/',
    capabilities: () => ({ junctions: false, symlinks: 'yes', reveal: false }),
    entry: posixEntry,
    openDir,
    readLink(p) {
      try {
        return fs.readlinkSync(p)
      } catch (e) {
        if (errnoCode(e) === 'EINVAL') throw new LinkError('NOT_A_LINK', `${p} is not a symbolic link.`, p)
        throw fromErrno(e, p)
      }
    },
    createHardLink(existing, link) {
      const at = nativeAt()
      if (at) return hardLinkAt(at, existing, link)
      pathBased(link)
      fsCall(link, () => fs.linkSync(existing, link))
    },
    createSymlink(stored, link) {
      const at = nativeAt()
      if (at) return symlinkAt(at, stored, link)
      pathBased(link)
      fsCall(link, () => fs.symlinkSync(stored, link))
    },
    createJunction(_target, link) {
      throw new LinkError(
        'UNSUPPORTED_ON_PLATFORM',
        'Junctions exist only on Windows (NTFS). Use a folder symbolic link instead: here it does the same job.',
        link,
      )
    },
    removeEntry(p, expect) {
      // unlink removes the name itself: for a symlink the link, never its target; it cannot touch a folder.
      if (expect.kind === 'dir')
        throw new LinkError('NOT_A_LINK', `${p} is a real folder, not a link; Linkscope does not delete folders.`, p)
      const at = nativeAt()
      if (at) return removeVerified(at, p, expect)
      pathBased(p)
      stillThere(p, expect, 'remove')
      fsCall(p, () => fs.unlinkSync(p))
    },
    renameNoReplace(from, to) {
      const at = nativeAt()
      if (at) return renameNoReplaceAt(at, from, to)
      pathBased(to)
      const st = fsCall(from, () => fs.lstatSync(from))
      if (!st.isDirectory()) {
        // link() fails atomically with EEXIST when `to` exists, which rename() would silently replace.
        fsCall(to, () => fs.linkSync(from, to))
        fsCall(from, () => fs.unlinkSync(from))
        return
      }
      // Folders cannot be hard-linked: check, then rename (node:fs has no renameat2(RENAME_NOREPLACE)).
      if (existsNoFollow(to))
        throw new LinkError('ALREADY_EXISTS', `${to} already exists; Linkscope never overwrites.`, to)
      fsCall(to, () => fs.renameSync(from, to))
    },
    replaceLink(temp, p, expect) {
      const at = nativeAt()
      if (at) return replaceVerified(at, temp, p, expect)
      pathBased(p)
      stillThere(p, expect, 'retarget')
      fsCall(p, () => fs.renameSync(temp, p))
    },
    volumeOf: (p) => mountPointOf(p),
    volumeRoot: (p) => mountPointOf(p),
    allNames: () => null,
    realPath: (p) => fsCall(p, () => fs.realpathSync(p)),
    samePath: (a, b) => a === b,
  }
}
