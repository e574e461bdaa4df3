/**
 * The two changes every dedupe, split and undo is made of, each crash-safe: a path becomes another name
 * of a file (relink), or an independent copy of the file it names (copyInPlace). The new entry is made
 * under a temporary name beside the path and then put in its place by the platform's replace (Linux:
 * an exchange through folder handles, checked after; elsewhere an atomic rename), so at every instant the
 * path exists and holds its original bytes. The journal record goes to disk before anything is made.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { EXCHANGE, fromErrno, type HeldFolders, inFolder, type NativeAt, nativeAt, platform } from '../platform'
import { actsStrictly } from '../platform/acting'
import type { Before, Journal, JournalRecord } from './journal'
import { copyXattrs } from './metadata'
import { nativeRelinkAt, relinkHeld } from './relink-held'
import { tempBeside } from './temp-names'

export const idOfStat = (st: Pick<fs.Stats, 'dev' | 'ino'>): string => `${st.dev}:${st.ino}`

/** The id of the entry at `p`, as the walk reported it: on Windows the platform's exact one (node's ino rounds NTFS ids). */
export const idAt = (p: string, st: fs.Stats): string =>
  platform().kind === 'win32' ? platform().entry(p).id : idOfStat(st)

/**
 * Whether the file open from `p` (its fstat `st`) is the one with id `id`. On Windows node's ids are
 * rounded, so the exact id is read at `p`, and the open file must be the one still there.
 */
export function openIs(p: string, st: Pick<fs.Stats, 'dev' | 'ino'>, id: string): boolean {
  if (platform().kind !== 'win32') return idOfStat(st) === id
  try {
    return platform().entry(p).id === id && idOfStat(nfs.lstatSync(p)) === idOfStat(st)
  } catch {
    return false
  }
}

export function lookOf(p: string): Before & { links: number } {
  let st: fs.Stats
  try {
    st = nfs.lstatSync(p)
  } catch (e) {
    throw fromErrno(e, p)
  }
  if (!st.isFile()) throw new LinkError('CHANGED', `${p} is no longer a regular file; nothing was done there.`, p)
  return {
    id: idAt(p, st),
    size: st.size,
    mtimeMs: st.mtimeMs,
    atimeMs: st.atimeMs,
    mode: st.mode,
    uid: st.uid,
    gid: st.gid,
    links: st.nlink,
  }
}

/** The file at `p` is still what was seen: same id, size, mtime, owner and mode. */
export function requireSame(
  p: string,
  want: Pick<Before, 'id' | 'size' | 'mtimeMs'> & Partial<Before>,
  what = p,
): Before & { links: number } {
  const now = lookOf(p)
  const same =
    now.id === want.id &&
    now.size === want.size &&
    now.mtimeMs === want.mtimeMs &&
    (want.mode === undefined || now.mode === want.mode) &&
    (want.uid === undefined || now.uid === want.uid) &&
    (want.gid === undefined || now.gid === want.gid)
  if (!same)
    throw new LinkError(
      'CHANGED',
      `${what} changed since it was compared; it was left as it is. Look again and retry.`,
      p,
    )
  return now
}

/** Remove our temporary name if it is still what we made (a failed replace may leave it). */
function dropTemp(temp: string, id: string): void {
  try {
    if (idAt(temp, nfs.lstatSync(temp)) === id) nfs.unlinkSync(temp)
  } catch {
    /* gone already; recover.ts would find anything else from the journal */
  }
}

export type Source = { path: string; id: string; size: number; mtimeMs: number }

/**
 * A link step written to the journal ahead (many at once, synced once): its temporary name; `later`: the
 * old entry that ends there may be removed in the background (relink-held.ts removalsDone); `compare`:
 * the addon compares the bytes right before it links (relinkAt), so the caller need not.
 */
export type Journaled = { temp: string; later?: boolean; compare?: boolean }

/**
 * Write the records of the link steps to come, `p` → `source`, in one write, and sync once: the journal
 * then holds each before its change, at the cost of one sync for a whole group (`sync` false: the caller
 * syncs once for several calls, before any of their changes). `later`: each step may leave the removal
 * of the old entry to the background (Journaled). Paths that cannot be looked at now are left out
 * (relink journals them itself, or refuses them).
 */
export function journalAhead(
  journal: Journal,
  source: Source,
  paths: readonly string[],
  { sync = true, later = false, compare = false }: { sync?: boolean; later?: boolean; compare?: boolean } = {},
): Map<string, Journaled> {
  const out = new Map<string, Journaled>()
  const recs: JournalRecord[] = []
  for (const p of paths) {
    let before: Before
    try {
      before = lookOf(p)
    } catch {
      continue
    }
    const temp = tempBeside(p)
    recs.push({ type: 'link', path: p, temp, keeper: source.path, keeperId: source.id, before })
    out.set(p, { temp, ...(later && { later }), ...(compare && { compare }) })
  }
  journal.writeAll(recs)
  if (sync) journal.sync()
  return out
}

/**
 * Make `p` (which must still be `expect`) another name of `source`. Throws LinkError: CHANGED when either
 * moved, TOO_MANY_LINKS when the source has as many names as allowed (`linkLimit`, or the file system's).
 * `ahead`: the step's record was written already (journalAhead) with this temporary name. `held`: folders
 * open for the whole run (Linux), so that a link costs no folder lookups and opens of its own, and the
 * whole step one call to the addon (relink-held.ts).
 */
export function relink(
  journal: Journal,
  source: Source,
  p: string,
  expect: Before,
  linkLimit?: number,
  ahead?: Journaled,
  held?: HeldFolders,
): void {
  const native = held ? nativeRelinkAt() : null
  // written ahead: the addon checks the path on the entry it acts on, no look from here needed
  if (native && held && ahead) return relinkHeld(native, held, journal, source, p, expect, linkLimit, ahead)
  const before = requireSame(p, expect)
  if (native && held) {
    const temp = tempBeside(p)
    journal.write({ type: 'link', path: p, temp, keeper: source.path, keeperId: source.id, before })
    return relinkHeld(native, held, journal, source, p, before, linkLimit, { temp })
  }
  const at = platform().kind === 'posix' && !actsStrictly() ? nativeAt() : null
  const src = requireSame(source.path, source)
  checkLimit(source, src.links, linkLimit)
  const temp = ahead?.temp ?? tempBeside(p)
  if (!ahead) journal.write({ type: 'link', path: p, temp, keeper: source.path, keeperId: source.id, before })
  platform().createHardLink(source.path, temp)
  try {
    // the platform's replace wants the path's entry as it is now (still the same file: checked above)
    if (at) inFolder(at, path.dirname(p), (dirfd) => exchangeInPlace(at, dirfd, temp, p, before.id))
    else platform().replaceLink(temp, p, platform().entry(p))
  } catch (e) {
    dropTemp(temp, source.id)
    throw e
  }
  journal.write({ type: 'done', path: p }, false)
}

function checkLimit(source: Source, links: number, linkLimit: number | undefined): void {
  if (linkLimit !== undefined && links + 1 > linkLimit) {
    throw new LinkError(
      'TOO_MANY_LINKS',
      `${source.path} already has ${links} names, the most allowed here.`,
      source.path,
    )
  }
}

/**
 * Linux: exchange the new name at `temp` with `p` in one rename (through a handle to their folder), check
 * that what came out is the file expected, and remove it from the temporary name. The platform's replace
 * does the check inside a private folder it makes and removes for each call, which costs a folder's
 * creation and removal a link; here the check and removal happen at our random temporary name, and the
 * worst another program writing in that folder could do in between is have one name of its own removed.
 * When the wrong file came out, the two are exchanged back and nothing changed.
 */
function exchangeInPlace(at: NativeAt, dirfd: number, temp: string, p: string, expectId: string): void {
  const name = path.basename(p)
  const tempName = path.basename(temp)
  try {
    at.atRename(dirfd, tempName, dirfd, name, EXCHANGE)
  } catch (e) {
    throw fromErrno(e, p)
  }
  const out = at.atStat(dirfd, tempName)
  if (`${out.dev}:${out.ino}` !== expectId) {
    at.atRename(dirfd, tempName, dirfd, name, EXCHANGE)
    throw new LinkError('CHANGED', `${p} changed just before it was linked; it was left as it was.`, p)
  }
  at.atUnlink(dirfd, tempName, false)
}

/**
 * Make `p` (which must still be `expect`) an independent copy of the file it names, with its mode, owner
 * and times, or those of `give` (an undo gives back what the path had before the merge), and its extended
 * attributes. Returns the new id.
 */
export function copyInPlace(journal: Journal, p: string, expect: Before, give?: Omit<Before, 'id' | 'size'>): string {
  const before = requireSame(p, expect)
  const meta = give ?? before
  const entry = platform().entry(p)
  const temp = tempBeside(p)
  journal.write({ type: 'copy', path: p, temp, fromId: before.id, before })
  let madeId: string
  try {
    fs.copyFileSync(nfs.fsPath(p), nfs.fsPath(temp), fs.constants.COPYFILE_EXCL)
    const fd = fs.openSync(nfs.fsPath(temp), 'r+')
    try {
      try {
        fs.fchownSync(fd, meta.uid, meta.gid)
      } catch {
        /* only root may give a file away; the copy stays the runner's */
      }
      fs.fchmodSync(fd, meta.mode & 0o7777)
      copyXattrs(p, temp, fd) // after the owner: a change of owner drops security.capability
      fs.futimesSync(fd, meta.atimeMs / 1000, meta.mtimeMs / 1000)
      fs.fsyncSync(fd)
      madeId = idAt(temp, fs.fstatSync(fd))
    } finally {
      fs.closeSync(fd)
    }
    requireSame(p, before) // written meanwhile: the copy would lose what was written
  } catch (e) {
    try {
      nfs.unlinkSync(temp)
    } catch {
      /* never made */
    }
    throw fromErrno(e, p)
  }
  journal.write({ type: 'made', temp, madeId })
  try {
    platform().replaceLink(temp, p, entry)
  } catch (e) {
    dropTemp(temp, madeId)
    throw e
  }
  journal.write({ type: 'done', path: p }, false)
  return madeId
}
