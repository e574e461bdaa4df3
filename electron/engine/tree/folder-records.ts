/**
 * One folder's entries as the addon's records (scan/native-scan.ts, flag F_EVERY): names beside one
 * Float64Array of REC doubles per entry, and link texts. A compare walks two trees of hundreds of
 * thousands of entries and keeps none of them, so it reads these fields in place instead of making an
 * object per entry. Where the addon is missing, or cannot list a folder or stat an entry, node:fs fills
 * the same layout (through model/fs-names, so names that are not UTF-8 stay the bytes they are).
 */
import * as path from 'node:path'

import * as fsn from '../fs/fs-names'
import { fromErrno } from '../platform'
import {
  F_EVERY,
  K_DIR,
  K_FILE,
  K_LINK,
  K_OTHER,
  type NativeListing,
  type NativeScan,
  R_DIR,
  R_ENTRY,
  REC,
  V_DEV,
  V_INO,
  V_NLINK,
  V_SIZE,
  V_STAT_KIND,
  V_TYPE,
} from '../scan/native-scan'
import type { TreeProblem } from './list-tree'

export type FolderRecords = { names: string[]; recs: Float64Array; targets: (string | undefined)[] }

export const EMPTY_FOLDER: FolderRecords = { names: [], recs: new Float64Array(0), targets: [] }

export const kindAt = (f: FolderRecords, i: number): number => f.recs[REC * i + V_STAT_KIND] as number
export const devAt = (f: FolderRecords, i: number): number => f.recs[REC * i + V_DEV] as number
export const inoAt = (f: FolderRecords, i: number): number => f.recs[REC * i + V_INO] as number
export const linksAt = (f: FolderRecords, i: number): number => f.recs[REC * i + V_NLINK] as number
export const sizeAt = (f: FolderRecords, i: number): number => f.recs[REC * i + V_SIZE] as number
export const sameId = (x: FolderRecords, i: number, y: FolderRecords, j: number): boolean =>
  inoAt(x, i) === inoAt(y, j) && devAt(x, i) === devAt(y, j)

const kindOfStats = (st: { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean }): number =>
  st.isDirectory() ? K_DIR : st.isFile() ? K_FILE : st.isSymbolicLink() ? K_LINK : K_OTHER

/** Append `names` of `dir` through node:fs; those that cannot be lstat'ed become problems. */
function appendJs(
  dir: string,
  rel: string,
  names: readonly string[],
  out: FolderRecords,
  problems: TreeProblem[],
): FolderRecords {
  const recs: number[] = Array.from(out.recs)
  for (const name of names) {
    const full = path.join(dir, name)
    try {
      const st = fsn.lstatSync(full)
      const at = recs.length
      recs.length += REC
      recs.fill(0, at)
      recs[at + V_TYPE] = st.isDirectory() ? R_DIR : R_ENTRY
      recs[at + V_STAT_KIND] = kindOfStats(st)
      recs[at + V_DEV] = st.dev
      recs[at + V_INO] = st.ino
      recs[at + V_NLINK] = st.nlink
      recs[at + V_SIZE] = st.size
      out.names.push(name)
      out.targets.push(st.isSymbolicLink() ? fsn.readlinkSync(full) : undefined)
    } catch (e) {
      const le = fromErrno(e, full)
      problems.push({ rel: rel === '' ? name : `${rel}/${name}`, code: le.code, message: le.message })
    }
  }
  return { names: out.names, recs: Float64Array.from(recs), targets: out.targets }
}

/** Names of a folder through node:fs (libuv sorts them by bytes, as the addon does); null (and a problem) when it cannot be read. */
function readNames(dir: string, rel: string, problems: TreeProblem[]): string[] | null {
  try {
    return fsn.readdirTypedSync(dir).map((d) => d.name)
  } catch (e) {
    const le = fromErrno(e, dir)
    problems.push({ rel, code: le.code, message: le.message })
    return null
  }
}

const isRecord = (type: number | undefined): boolean => type === R_DIR || type === R_ENTRY

/** Rare: entries the addon could not stat. Keep its good records and redo the rest by path. */
function withRedone(l: NativeListing, dir: string, rel: string, problems: TreeProblem[]): FolderRecords {
  const keep: FolderRecords = { names: [], recs: new Float64Array(0), targets: [] }
  const good: number[] = []
  const redo: string[] = []
  for (let r = 0; r < l.names.length; r++) {
    if (!isRecord(l.recs[REC * r + V_TYPE])) {
      redo.push(l.names[r] as string)
      continue
    }
    keep.names.push(l.names[r] as string)
    keep.targets.push(l.targets?.[r])
    for (let k = 0; k < REC; k++) good.push(l.recs[REC * r + k] as number)
  }
  keep.recs = Float64Array.from(good)
  return appendJs(dir, rel, redo, keep, problems)
}

/** Every entry of `dir` (at `rel` under its root); what cannot be read is added to `problems`. */
export function folderRecords(
  native: NativeScan | null,
  dir: string,
  rel: string,
  problems: TreeProblem[],
): FolderRecords {
  let l: NativeListing | undefined
  try {
    l = native?.scanDir(dir, F_EVERY)
  } catch {
    l = undefined
  }
  if (!l) {
    const names = readNames(dir, rel, problems)
    return names
      ? appendJs(dir, rel, names, { names: [], recs: new Float64Array(0), targets: [] }, problems)
      : EMPTY_FOLDER
  }
  for (let r = 0; r < l.names.length; r++) {
    if (!isRecord(l.recs[REC * r + V_TYPE])) return withRedone(l, dir, rel, problems)
  }
  // F_EVERY gives a link's text in targets[r], and nothing there for any other entry
  return { names: l.names, recs: l.recs, targets: l.targets ?? [] }
}
