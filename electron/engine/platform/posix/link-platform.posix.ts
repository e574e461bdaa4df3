/** LinkPlatform on Linux and macOS, with node:fs (synchronous: see link-platform.ts). */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { LinkError } from '../../../../shared/errors'
import type { LinkKind } from '../../../../shared/types/link'
import type { DirBatchReader, LinkPlatform } from '../link-platform'
import { posixEntry } from './entry.posix'
import { errnoCode, fromErrno, fsCall } from './errno'

function openDir(dir: string): DirBatchReader {
  const handle = fsCall(dir, () => fs.opendirSync(dir, { bufferSize: 1024 }))
  let closed = false
  return {
    next(max) {
      if (closed) return null
      const names: string[] = []
      while (names.length < max) {
        const d = fsCall(dir, () => handle.readSync())
        if (!d) break
        names.push(d.name)
      }
      return names.length > 0 ? names : null
    },
    close() {
      if (!closed) { closed = true; handle.closeSync() }
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
  try { fs.lstatSync(p); return true } catch (e) {
    if (errnoCode(e) === 'ENOENT') return false
    throw fromErrno(e, p)
  }
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
    createHardLink: (existing, link) => fsCall(link, () => fs.linkSync(existing, link)),
    createSymlink: (stored, link) => fsCall(link, () => fs.symlinkSync(stored, link)),
    createJunction(_target, link) {
      throw new LinkError('UNSUPPORTED_ON_PLATFORM',
        'Junctions exist only on Windows (NTFS). Use a folder symbolic link instead: here it does the same job.', link)
    },
    removeEntry(p, kind: LinkKind) {
      // unlink removes the name itself: for a symlink the link, never its target; it cannot touch a folder.
      if (kind === 'dir') throw new LinkError('NOT_A_LINK', `${p} is a real folder, not a link; Linkscope does not delete folders.`, p)
      fsCall(p, () => fs.unlinkSync(p))
    },
    renameNoReplace(from, to) {
      const st = fsCall(from, () => fs.lstatSync(from))
      if (!st.isDirectory()) {
        // link() fails atomically with EEXIST when `to` exists, which rename() would silently replace.
        fsCall(to, () => fs.linkSync(from, to))
        fsCall(from, () => fs.unlinkSync(from))
        return
      }
      // Folders cannot be hard-linked: check, then rename (Node has no renameat2(RENAME_NOREPLACE)).
      if (existsNoFollow(to)) throw new LinkError('ALREADY_EXISTS', `${to} already exists; Linkscope never overwrites.`, to)
      fsCall(to, () => fs.renameSync(from, to))
    },
    renameReplace: (from, to) => fsCall(to, () => fs.renameSync(from, to)),
    volumeOf: (p) => mountPointOf(p),
    allNames: () => null,
  }
}
