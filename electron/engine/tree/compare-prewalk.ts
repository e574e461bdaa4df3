/**
 * Both trees of a compare listed ahead on the addon's threads (a native walk with F_LISTED), so the
 * side-by-side walk (compare-walk.ts) finds each folder's listing ready instead of listing one folder at
 * a time on the calling thread: the lstat calls, most of a compare's time, then run on every core.
 *
 * Only listings the walk made exactly as a folder listing would are kept. A folder it could not list, or
 * with an entry it could not stat, or reached twice and listed once (under the other path), is left out:
 * the side-by-side walk lists it itself, as it lists everything where the addon is missing.
 */
import { F_EVERY, F_LISTED, type NativeScan, R_DIR, R_ENTRY, R_LISTED, REC, V_TYPE } from '../scan/native-scan'
import { nativeThreadCount } from '../scan/walk-tree'
import type { FolderRecords } from './folder-records'
import type { Pacer } from './pacer'

/** Folder path (as absOf makes it) → its listing; the side-by-side walk takes each out as it enters it. */
export type Listings = Map<string, FolderRecords>

export type PrewalkRoot = { path: string; dev: number; ino: number }

/** How long to wait between drains while the threads list. */
const POLL_MS = 2

/**
 * One drain's records into `out`: each R_LISTED record (a folder's path) and the records after it, up to
 * the next, are one folder's listing (entries by name).
 */
function collect(recs: Float64Array, joined: string, targets: readonly string[] | undefined, out: Listings): void {
  const paths = joined.split('\0')
  paths.pop() // after the last NUL
  let r = 0
  while (r < paths.length) {
    if (recs[REC * r + V_TYPE] !== R_LISTED) {
      r++ // a folder that failed (R_FAIL): listed again by the side-by-side walk
      continue
    }
    const dir = paths[r] as string
    const first = ++r
    let exact = true
    for (; r < paths.length && recs[REC * r + V_TYPE] !== R_LISTED; r++) {
      const type = recs[REC * r + V_TYPE]
      if (type !== R_DIR && type !== R_ENTRY) exact = false // not stat'ed: listed again, by path where need be
    }
    if (!exact) continue
    out.set(dir, {
      names: paths.slice(first, r), // F_LISTED: names, not full paths
      recs: recs.subarray(REC * first, REC * r), // a view: copying every folder's records cost more than the rest
      targets: targets ? targets.slice(first, r) : [],
    })
  }
}

/** List every folder under the roots on native threads; a cancel (the pacer) stops the threads. */
export async function listAhead(native: NativeScan, roots: readonly PrewalkRoot[], pacer: Pacer): Promise<Listings> {
  const out: Listings = new Map()
  const [first, ...others] = roots
  if (!first) return out
  const handle = native.walkStart(first.path, first.dev, first.ino, F_EVERY | F_LISTED, nativeThreadCount())
  try {
    // a root that is a folder already queued (the same tree twice) is listed once, under the first path
    for (const r of others) native.walkPush(handle, r.path, r.dev, r.ino)
    for (;;) {
      const d = native.walkDrain(handle)
      collect(d.recs, d.paths, d.targets, out)
      if (d.idle) return out
      if (pacer.due()) await pacer.pause()
      else await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  } finally {
    // Idle threads leave at once; any still listing (a cancel) stop within a few hundred entries, and are
    // left to finish on their own: the walk frees itself when its last thread leaves.
    if (native.walkStop(handle) > 0) native.walkStop(handle, true)
  }
}
