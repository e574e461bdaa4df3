/**
 * Every entry under a root, never following a link, parents before children, each with the lstat fields
 * a copy, a compare and a manifest act on (id, link count, size, mode, times, link text).
 *
 * Why not the scan walker (scan/): it reports only what a scan acts on (files with several names, broken
 * links, folders), not every entry, and in no order. A copy needs every entry and its parent first.
 * Folders are entered once by id (a bind mount looping back is listed once, never followed).
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { LinkError, type AppErrorCode } from '../../../shared/errors'
import { fromErrno } from '../platform/posix/errno'
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
  uid: number
  gid: number
  atimeMs: number
  mtimeMs: number
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
    rel, kind: kindOf(st), id: `${st.dev}:${st.ino}`, dev: st.dev, links: st.nlink, size: st.size, mode: st.mode,
    uid: st.uid, gid: st.gid, atimeMs: st.atimeMs, mtimeMs: st.mtimeMs,
  }
  if (target !== undefined) e.target = target
  return e
}

/** The root must be a real folder (a link to one is refused: say which folder you mean). */
export function requireTreeRoot(root: string): fs.Stats {
  let st: fs.Stats
  try { st = fs.lstatSync(root) } catch (e) { throw fromErrno(e, root) }
  if (st.isSymbolicLink()) throw new LinkError('INVALID_ARGUMENT', `${root} is a symbolic link; give the folder it leads to instead.`, root)
  if (!st.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${root} is not a folder.`, root)
  return st
}

/**
 * List the tree under `root`. Entries that vanish or cannot be read become problems; the listing goes on.
 * Cancelled through `signal` (CANCELLED).
 */
export async function listTree(root: string, signal?: AbortSignal): Promise<Tree> {
  const rootSt = requireTreeRoot(root)
  const entries: TreeEntry[] = [entryOf('', rootSt)]
  const problems: TreeProblem[] = []
  const seenDirs = new Set<string>([`${rootSt.dev}:${rootSt.ino}`])
  const pacer = new Pacer(signal)
  // Depth first with an explicit stack, so the deepest tree cannot overflow the call stack.
  const stack: string[] = ['']
  while (stack.length > 0) {
    await pacer.step()
    const rel = stack.pop() as string
    const dir = absOf(root, rel)
    let names: string[]
    try {
      names = fs.readdirSync(dir)
    } catch (e) {
      const le = fromErrno(e, dir)
      problems.push({ rel, code: le.code, message: le.message })
      continue
    }
    names.sort()
    const subdirs: string[] = []
    for (const name of names) {
      const childRel = joinRel(rel, name)
      const full = path.join(dir, name)
      try {
        const st = fs.lstatSync(full)
        const e = entryOf(childRel, st, st.isSymbolicLink() ? fs.readlinkSync(full) : undefined)
        entries.push(e)
        if (e.kind === 'dir') {
          if (seenDirs.has(e.id)) problems.push({ rel: childRel, code: 'CHANGED', message: `${full} is a folder already listed (a bind mount looping back); not entered.` })
          else { seenDirs.add(e.id); subdirs.push(childRel) }
        }
      } catch (e) {
        const le = fromErrno(e, full)
        problems.push({ rel: childRel, code: le.code, message: le.message })
      }
    }
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string)
  }
  return { root, entries, problems }
}
