/**
 * Every entry under a root, never following a link, parents before children, each with the lstat fields
 * a copy, a compare and a manifest act on (id, link count, size, mode, times, link text).
 *
 * Folders are listed by the scan's native folder lister (scan/native-scan.ts, flag F_EVERY: a record for
 * every entry, stat'ed relative to the folder's handle), or by node:fs where the addon is missing, a
 * folder it cannot list, and entries it could not stat (their own errors then come from node:fs). The
 * scan's whole-tree walk is not used: it reports only what a scan acts on, in no order, where a copy
 * needs every entry and its parent first. A copy asks for `complete` entries (owners and access times,
 * which the addon's records do not carry): those come from node:fs.
 * Folders are entered once by id (a bind mount looping back is listed once, never followed).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { type AppErrorCode, LinkError } from '../../../shared/errors'
import * as fsn from '../fs/fs-names'
import { fromErrno } from '../platform'
import {
  F_EVERY,
  K_DIR,
  K_FILE,
  K_LINK,
  type NativeScan,
  nativeScan,
  R_DIR,
  R_ENTRY,
  REC,
  V_DEV,
  V_INO,
  V_MODE,
  V_MTIME_NS,
  V_MTIME_S,
  V_NLINK,
  V_SIZE,
  V_STAT_KIND,
  V_TYPE,
} from '../scan/native-scan'
import { Pacer } from './pacer'

export type TreeKind = 'dir' | 'file' | 'symlink' | 'other'

export type TreeEntry = {
  /** path relative to the root, '/'-separated; '' is the root itself */
  rel: string
  kind: TreeKind
  /** "dev:ino" */
  id: string
  dev: number
  links: number
  size: number
  mode: number
  mtimeMs: number
  /** owner, group and access time: only in a `complete` listing */
  uid?: number
  gid?: number
  atimeMs?: number
  /** a symbolic link's text exactly as stored */
  target?: string
}

export type TreeProblem = { rel: string; code: AppErrorCode; message: string }

export type Tree = { root: string; entries: TreeEntry[]; problems: TreeProblem[] }

const kindOf = (st: fs.Stats): TreeKind =>
  st.isDirectory() ? 'dir' : st.isFile() ? 'file' : st.isSymbolicLink() ? 'symlink' : 'other'

export const joinRel = (rel: string, name: string): string => (rel === '' ? name : `${rel}/${name}`)
export const absOf = (root: string, rel: string): string => (rel === '' ? root : path.join(root, rel))

function entryOf(rel: string, st: fs.Stats, target?: string): TreeEntry {
  const e: TreeEntry = {
    rel,
    kind: kindOf(st),
    id: `${st.dev}:${st.ino}`,
    dev: st.dev,
    links: st.nlink,
    size: st.size,
    mode: st.mode,
    mtimeMs: st.mtimeMs,
    uid: st.uid,
    gid: st.gid,
    atimeMs: st.atimeMs,
  }
  if (target !== undefined) e.target = target
  return e
}

const NATIVE_KINDS: Record<number, TreeKind> = { [K_FILE]: 'file', [K_DIR]: 'dir', [K_LINK]: 'symlink' }

type Listed = { entries: TreeEntry[]; problems: TreeProblem[] }

/** One folder's entries through node:fs; names that cannot be stat'ed become problems. */
function listFolderJs(dir: string, rel: string, names: readonly string[] | null, out: Listed): void {
  let all = names
  if (!all) {
    try {
      all = fsn.readdirTypedSync(dir).map((d) => d.name) // libuv sorts by bytes, as the addon does
    } catch (e) {
      const le = fromErrno(e, dir)
      out.problems.push({ rel, code: le.code, message: le.message })
      return
    }
  }
  for (const name of all) {
    const childRel = joinRel(rel, name)
    const full = path.join(dir, name)
    try {
      const st = fsn.lstatSync(full)
      out.entries.push(entryOf(childRel, st, st.isSymbolicLink() ? fsn.readlinkSync(full) : undefined))
    } catch (e) {
      const le = fromErrno(e, full)
      out.problems.push({ rel: childRel, code: le.code, message: le.message })
    }
  }
}

/** One folder's entries through the addon; false when it cannot list the folder (node:fs then does). */
function listFolderNative(native: NativeScan, dir: string, rel: string, out: Listed): boolean {
  let l
  try {
    l = native.scanDir(dir, F_EVERY)
  } catch {
    return false
  }
  const redo: string[] = []
  for (let r = 0; r < l.names.length; r++) {
    const at = REC * r
    const name = l.names[r] as string
    const type = l.recs[at + V_TYPE]
    if (type !== R_DIR && type !== R_ENTRY) {
      redo.push(name)
      continue
    }
    const dev = l.recs[at + V_DEV] as number
    const e: TreeEntry = {
      rel: joinRel(rel, name),
      kind: NATIVE_KINDS[l.recs[at + V_STAT_KIND] as number] ?? 'other',
      id: `${dev}:${l.recs[at + V_INO]}`,
      dev,
      links: l.recs[at + V_NLINK] as number,
      size: l.recs[at + V_SIZE] as number,
      mode: l.recs[at + V_MODE] as number,
      // as Node's Stats computes mtimeMs, so both listers give the same number
      mtimeMs: (l.recs[at + V_MTIME_S] as number) * 1000 + (l.recs[at + V_MTIME_NS] as number) / 1e6,
    }
    if (e.kind === 'symlink') e.target = l.targets?.[r] as string
    out.entries.push(e)
  }
  if (redo.length > 0) listFolderJs(dir, rel, redo, out)
  return true
}

/** The root must be a real folder (a link to one is refused: say which folder you mean). */
export function requireTreeRoot(root: string): fs.Stats {
  let st: fs.Stats
  try {
    st = fsn.lstatSync(root)
  } catch (e) {
    throw fromErrno(e, root)
  }
  if (st.isSymbolicLink())
    throw new LinkError('INVALID_ARGUMENT', `${root} is a symbolic link; give the folder it leads to instead.`, root)
  if (!st.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${root} is not a folder.`, root)
  return st
}

export type ListOptions = { signal?: AbortSignal; complete?: boolean }

/**
 * List the tree under `root`. Entries that vanish or cannot be read become problems; the listing goes on.
 * Cancelled through `signal` (CANCELLED).
 */
export async function listTree(root: string, opts: ListOptions = {}): Promise<Tree> {
  const rootSt = requireTreeRoot(root)
  const native = opts.complete ? null : nativeScan()
  const entries: TreeEntry[] = [entryOf('', rootSt)]
  const problems: TreeProblem[] = []
  const seenDirs = new Set<string>([`${rootSt.dev}:${rootSt.ino}`])
  const pacer = new Pacer(opts.signal)
  // Depth first with an explicit stack, so the deepest tree cannot overflow the call stack.
  const stack: string[] = ['']
  while (stack.length > 0) {
    if (pacer.due()) await pacer.pause()
    const rel = stack.pop() as string
    const dir = absOf(root, rel)
    const listed: Listed = { entries: [], problems }
    if (!native || !listFolderNative(native, dir, rel, listed)) listFolderJs(dir, rel, null, listed)
    const subdirs: string[] = []
    for (const e of listed.entries) {
      entries.push(e)
      if (e.kind !== 'dir') continue
      if (seenDirs.has(e.id))
        problems.push({
          rel: e.rel,
          code: 'CHANGED',
          message: `${absOf(root, e.rel)} is a folder already listed (a bind mount looping back); not entered.`,
        })
      else {
        seenDirs.add(e.id)
        subdirs.push(e.rel)
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string)
  }
  return { root, entries, problems }
}
