/**
 * Broken links as the scan reports them, from node:fs (by path) or from the addon's lstat and readlink.
 * Each broken link's status comes from the same stat as its reason, so the two never disagree.
 */
import * as os from 'node:os'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import { isNameLink, type LinkEntry } from '../../../shared/types/link'
import type { BrokenLink } from '../../../shared/types/scan'
import * as nfs from '../fs/fs-names'
import { addLinkTarget, entryFromStat, errnoCode, platform, type StatFields } from '../platform'
import { reasonFromErrno, statusFromErrno, statusOfReason } from '../platform/status'
import {
  K_DIR,
  K_NONE,
  V_DEV,
  V_FOLLOW_ERR,
  V_INO,
  V_MODE,
  V_MTIME_NS,
  V_MTIME_S,
  V_NLINK,
  V_SIZE,
  V_TARGET_KIND,
} from './native-scan'
import { errorOf } from './scan-error'
import type { BatchResult } from './scan-protocol'

const isPosix = platform().kind === 'posix'

/**
 * POSIX: a link's own LinkEntry from lstat + readlink, the same fields posixEntry (platform/posix/
 * entry.posix.ts) gives. posixEntry would stat the target again and throw once more per broken link,
 * and thousands of exceptions weigh on a scan.
 */
function posixLinkEntry(full: string): LinkEntry | null {
  const st = nfs.lstatSync(full)
  if (!st.isSymbolicLink()) return null
  return brokenLinkEntry(full, nfs.readlinkSync(full), st)
}

/** A symlink's entry as a broken one (the caller sets the status from the reason). */
function brokenLinkEntry(full: string, target: string, st: StatFields): LinkEntry {
  // Filled in place, not spread into a copy: thousands of broken links are made on the scan's calling thread.
  const entry = entryFromStat(full, 'symlink', st)
  entry.status = 'broken'
  entry.target = target
  entry.resolved = path.resolve(path.dirname(full), target)
  entry.targetKind = null
  return entry
}

/** The lstat fields of the addon's record at `at`, as node:fs's Stats has them. */
function recordStat(recs: Float64Array, at: number): StatFields {
  return {
    nlink: recs[at + V_NLINK] as number,
    dev: recs[at + V_DEV] as number,
    ino: recs[at + V_INO] as number,
    size: recs[at + V_SIZE] as number,
    // Node's Stats: mtimeMs = sec * 1000 + nsec / 1e6 (msFromTimeSpec), the same doubles in the same order.
    mtimeMs: (recs[at + V_MTIME_S] as number) * 1000 + (recs[at + V_MTIME_NS] as number) / 1e6,
    mode: recs[at + V_MODE] as number,
  }
}

/** errno numbers the addon reports for a stat through a link → the codes node:fs would give; others are redone by path. */
export const LINK_CODES = new Map<number, string>(
  (['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM'] as const).map((c) => [os.constants.errno[c], c]),
)

/**
 * POSIX: a symlink's LinkEntry from the addon's lstat and readlink of it, the same fields posixEntry gives.
 * With the addon's stat through it (F_TARGET) nothing is asked of the disk here; without it, or after an
 * unusual failure, that stat is made by full path. `resolved`: the text resolved against the link's folder,
 * when the addon has done it (F_INTO).
 */
export function nativeLinkEntry(
  full: string,
  target: string,
  recs: Float64Array,
  at: number,
  resolved = path.resolve(path.dirname(full), target),
): LinkEntry {
  const entry = entryFromStat(full, 'symlink', recordStat(recs, at))
  const reached = recs[at + V_TARGET_KIND] as number
  const code = LINK_CODES.get(recs[at + V_FOLLOW_ERR] as number)
  if (reached === K_NONE && code === undefined) return addLinkTarget(entry, full, target)
  entry.target = target
  entry.resolved = resolved
  // the same fields, in the same order, as addLinkTarget's stat gives them
  entry.status = statusFromErrno(code)
  entry.targetKind = code !== undefined ? null : reached === K_DIR ? 'dir' : 'file'
  return entry
}

/** A broken link from the addon's lstat and readlink of it; the status comes from the same stat as the reason. */
export function nativeBrokenLink(
  full: string,
  code: string,
  target: string,
  recs: Float64Array,
  at: number,
): BrokenLink {
  const entry = brokenLinkEntry(full, target, recordStat(recs, at))
  const reason = reasonFromErrno(code)
  const link = entry as BrokenLink
  link.status = statusOfReason(reason)
  link.reason = reason
  return link
}

/** A broken link as a LinkEntry + reason, or null when it is fine, gone, or not a name link after all. */
export function brokenLink(full: string, out: BatchResult): BrokenLink | null {
  let code: string | undefined
  try {
    // throwIfNoEntry: the common broken case (ENOENT) costs no exception; ENOTDIR, ELOOP, EACCES still throw.
    if (nfs.statOrUndefined(full)) return null
    code = 'ENOENT'
  } catch (e) {
    code = errnoCode(e)
  }
  return brokenLinkFrom(full, code, out)
}

/** The link at `full`, whose stat through it failed with `code`. */
export function brokenLinkFrom(full: string, code: string | undefined, out: BatchResult): BrokenLink | null {
  try {
    const entry = isPosix ? posixLinkEntry(full) : platform().entry(full)
    if (!entry || !isNameLink(entry)) return null // replaced meanwhile; Windows: a reparse point that is not a link
    const reason = reasonFromErrno(code)
    // The status comes from the same stat as the reason, so the two never disagree.
    return { ...entry, status: statusOfReason(reason), targetKind: null, reason }
  } catch (e) {
    if (e instanceof LinkError)
      out.errors.push({
        path: full,
        code: e.code,
        message: e.code === 'NOT_FOUND' ? `${full} vanished during the scan.` : e.message,
      })
    else out.errors.push(errorOf(e, full, 'vanished during the scan.'))
    return null
  }
}
