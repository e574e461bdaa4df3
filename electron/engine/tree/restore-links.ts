/**
 * Re-create what a copy or a restore lost, from a manifest (manifest.ts): missing symbolic links are made;
 * names of a hard-link group that are missing become links to a file of the group; separate files that the
 * manifest says were one are joined into one again, but only after their bytes hash to the recorded sha256.
 * Everything else (a different entry at a link's path, different bytes) is reported and left alone.
 *
 * Acts go through the platform's handle-based operations, since ROOT is a folder others may share: a name
 * is made only where nothing is, and a separate file is replaced by a link only while it is still the file
 * that was hashed. A path whose folder on the way is a link is refused: it could lead outside ROOT.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { type AppErrorCode, LinkError, toAppError } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import * as fsn from '../fs/fs-names'
import { tempNameFor } from '../ops/retarget'
import { platform } from '../platform'
import { absOf, requireTreeRoot } from './list-tree'
import type { Manifest, ManifestGroup, ManifestLink } from './manifest'
import { Pacer } from './pacer'
import { fileHash } from './same-bytes'

export const RESTORE_ACTIONS = [
  'ok',
  'create-symlink',
  'create-junction',
  'create-hardlink',
  'relink',
  'conflict',
  'missing',
  'differs',
  'failed',
] as const
export type RestoreAction = (typeof RESTORE_ACTIONS)[number]

export type RestoreRecord = {
  path: string
  action: RestoreAction
  detail?: string
  target?: string
  code?: AppErrorCode
}

export type RestoreSummary = { root: string; dryRun: boolean; counts: Record<RestoreAction, number>; ms: number }

export type RestoreOptions = { dryRun?: boolean; signal?: AbortSignal; onRecord?(r: RestoreRecord): void }

/** Whether every folder between ROOT and `rel`'s entry is a real folder: 'ok', 'missing', or why not. */
function parentState(root: string, rel: string): 'ok' | 'missing' | string {
  const parts = rel.split('/').slice(0, -1)
  let at = root
  for (const part of parts) {
    at = path.join(at, part)
    let st: fs.Stats
    try {
      st = fsn.lstatSync(at)
    } catch {
      return 'missing'
    }
    if (st.isSymbolicLink())
      return `${at} is a symbolic link; Linkscope does not act through it, since it could lead outside the root`
    if (!st.isDirectory()) return `${at} is not a folder`
  }
  return 'ok'
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fsn.lstatSync(p)
  } catch {
    return null
  }
}

function what(st: fs.Stats, p: string): string {
  if (st.isSymbolicLink()) return `a symbolic link to ${fsn.readlinkSync(p)}`
  return st.isDirectory() ? 'a folder' : st.isFile() ? 'a file' : 'a special file'
}

export async function restoreLinks(
  manifest: Manifest,
  rootIn: string,
  opts: RestoreOptions = {},
): Promise<{ records: RestoreRecord[]; summary: RestoreSummary }> {
  const started = performance.now()
  const root = path.resolve(rootIn)
  requireTreeRoot(root)
  const dry = opts.dryRun === true
  const pacer = new Pacer(opts.signal, `Restoring links under ${root}`)
  const records: RestoreRecord[] = []
  const put = (r: RestoreRecord): void => {
    records.push(r)
    opts.onRecord?.(r)
  }
  /** Do `act` unless this is a dry run; a failure becomes a 'failed' record instead of the action. */
  const attempt = (r: RestoreRecord, act: () => void): void => {
    if (!dry) {
      try {
        act()
      } catch (e) {
        const ae = toAppError(e)
        put({ path: r.path, action: 'failed', code: ae.code, detail: ae.message })
        return
      }
    }
    put(r)
  }

  for (const link of manifest.links) {
    if (pacer.due()) await pacer.pause()
    restoreLink(root, link, put, attempt)
  }
  for (const group of manifest.groups) {
    if (pacer.due()) await pacer.pause()
    restoreGroup(root, group, put, attempt)
  }
  const counts = Object.fromEntries(RESTORE_ACTIONS.map((a) => [a, 0])) as RestoreSummary['counts']
  for (const r of records) counts[r.action]++
  return { records, summary: { root, dryRun: dry, counts, ms: Math.round(performance.now() - started) } }
}

type Put = (r: RestoreRecord) => void
type Attempt = (r: RestoreRecord, act: () => void) => void

function restoreLink(root: string, link: ManifestLink, put: Put, attempt: Attempt): void {
  // An absolute target inside the recorded root is pointed at the same place inside this root.
  const text = link.within !== undefined ? absOf(root, link.within) : link.target
  const full = absOf(root, link.path)
  const parent = parentState(root, link.path)
  if (parent === 'missing')
    return put({ path: link.path, action: 'missing', detail: `the folder ${path.dirname(full)} does not exist` })
  if (parent !== 'ok') return put({ path: link.path, action: 'conflict', detail: parent })
  const st = lstatOrNull(full)
  if (st) {
    if (st.isSymbolicLink() && (fsn.readlinkSync(full) === text || fsn.readlinkSync(full) === link.target))
      return put({ path: link.path, action: 'ok', target: text })
    return put({
      path: link.path,
      action: 'conflict',
      target: text,
      detail: `${what(st, full)} is there; it was left as it is`,
    })
  }
  if (link.kind === 'junction') {
    return attempt({ path: link.path, action: 'create-junction', target: text }, () =>
      platform().createJunction(text, full),
    )
  }
  let kind: 'dir' | 'file' = 'file' // only Windows tells the two apart; there a folder link must say so
  try {
    if (fsn.statSync(path.resolve(path.dirname(full), text)).isDirectory()) kind = 'dir'
  } catch {
    /* a broken link is restored as it was */
  }
  attempt({ path: link.path, action: 'create-symlink', target: text }, () => platform().createSymlink(text, full, kind))
}

type Present = { rel: string; full: string; entry: LinkEntry }

function restoreGroup(root: string, group: ManifestGroup, put: Put, attempt: Attempt): void {
  const plat = platform()
  const present: Present[] = []
  const absent: string[] = []
  for (const rel of group.paths) {
    const full = absOf(root, rel)
    const parent = parentState(root, rel)
    if (parent === 'missing') {
      put({ path: rel, action: 'missing', detail: `the folder ${path.dirname(full)} does not exist` })
      continue
    }
    if (parent !== 'ok') {
      put({ path: rel, action: 'conflict', detail: parent })
      continue
    }
    const st = lstatOrNull(full)
    if (!st) {
      absent.push(rel)
      continue
    }
    if (!st.isFile()) {
      put({ path: rel, action: 'conflict', detail: `${what(st, full)} is there, not a file; it was left as it is` })
      continue
    }
    present.push({ rel, full, entry: plat.entry(full) })
  }
  // Hash each file once (names of one file share it), and keep the file with the most names as the one.
  const hashOf = new Map<string, string>()
  for (const p of present) {
    if (!hashOf.has(p.entry.id)) hashOf.set(p.entry.id, p.entry.size === group.size ? fileHash(p.full) : '')
  }
  const good = present.filter((p) => hashOf.get(p.entry.id) === group.sha256)
  const namesOf = (id: string): number => good.filter((p) => p.entry.id === id).length
  const keeper = [...good].sort((x, y) => namesOf(y.entry.id) - namesOf(x.entry.id))[0]
  for (const p of present) {
    if (hashOf.get(p.entry.id) !== group.sha256) {
      put({
        path: p.rel,
        action: 'differs',
        detail: 'its bytes are not those the manifest recorded; it was left as it is',
      })
      continue
    }
    const k = keeper as Present
    if (p.entry.id === k.entry.id) {
      put({ path: p.rel, action: 'ok' })
      continue
    }
    attempt({ path: p.rel, action: 'relink', target: k.rel }, () => relink(k.full, p))
  }
  for (const rel of absent) {
    if (!keeper) {
      put({ path: rel, action: 'missing', detail: 'no name of this file is left with the recorded bytes to link to' })
      continue
    }
    attempt({ path: rel, action: 'create-hardlink', target: keeper.rel }, () =>
      plat.createHardLink(keeper.full, absOf(root, rel)),
    )
  }
}

/** Replace the separate file `p` (hashed equal) by a new name of `keeper`: made beside it, then swapped in. */
function relink(keeper: string, p: Present): void {
  const plat = platform()
  const now = plat.entry(p.full)
  // The platform checks the id at the swap; size and time catch a write since the hash.
  if (now.id !== p.entry.id || now.size !== p.entry.size || now.mtimeMs !== p.entry.mtimeMs) {
    throw new LinkError('CHANGED', `${p.full} changed after it was hashed; it was left as it is.`, p.full)
  }
  const temp = path.join(path.dirname(p.full), tempNameFor(path.basename(p.full)))
  plat.createHardLink(keeper, temp)
  try {
    plat.replaceLink(temp, p.full, p.entry)
  } catch (e) {
    try {
      const t = plat.entry(temp)
      plat.removeEntry(temp, t)
    } catch {
      /* the error below says what happened */
    }
    throw e
  }
}
