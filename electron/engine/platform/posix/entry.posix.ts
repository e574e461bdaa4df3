/** One LinkEntry from lstat (+ readlink and a following stat for symlinks). Never follows the entry itself. */
import type * as fs from 'node:fs'
import * as path from 'node:path'

import type { LinkEntry, LinkKind } from '../../../../shared/types/link'
import * as nfs from '../../fs/fs-names'
import { statusFromErrno } from '../status'
import { errnoCode, fromErrno } from './errno'

function kindOf(st: fs.Stats): LinkKind {
  if (st.isSymbolicLink()) return 'symlink'
  if (st.isDirectory()) return 'dir'
  if (st.isFile()) return 'file'
  return 'special' // fifo, socket, device
}

/** The stat fields an entry is made of (fs.Stats has them; so does the scanner's native lister). */
export type StatFields = { nlink: number; dev: number; ino: number; size: number; mtimeMs: number; mode: number }

/** An entry's own fields from its lstat; a symlink's target and status are the caller's to add. */
export function entryFromStat(p: string, kind: LinkKind, st: StatFields): LinkEntry {
  const name = path.basename(p)
  return {
    path: p,
    name,
    kind,
    links: st.nlink,
    id: `${st.dev}:${st.ino}`,
    status: 'n/a',
    size: st.size,
    mtimeMs: st.mtimeMs,
    hidden: name.startsWith('.'),
    readonly: (st.mode & 0o200) === 0,
  }
}

export function posixEntry(p: string): LinkEntry {
  let st: fs.Stats
  try {
    st = nfs.lstatSync(p)
  } catch (e) {
    throw fromErrno(e, p)
  }
  const kind = kindOf(st)
  const entry = entryFromStat(p, kind, st)
  if (kind === 'symlink') {
    let target: string
    try {
      target = nfs.readlinkSync(p)
    } catch (e) {
      throw fromErrno(e, p)
    }
    addLinkTarget(entry, p, target)
  }
  return entry
}

/** A symlink entry's target, the path it resolves to, and its status from a stat through it. */
export function addLinkTarget(entry: LinkEntry, p: string, target: string): LinkEntry {
  entry.target = target
  entry.resolved = path.resolve(path.dirname(p), target)
  try {
    const t = nfs.statSync(p)
    entry.status = 'ok'
    entry.targetKind = t.isDirectory() ? 'dir' : 'file'
  } catch (e) {
    entry.status = statusFromErrno(errnoCode(e))
    entry.targetKind = null
  }
  return entry
}
