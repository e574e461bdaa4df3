/**
 * Lists one folder with node:fs: every platform, and the fallback when the addon is missing or cannot
 * list a folder. node:fs has no fstatat, so every lstat walks its whole path from "/" again, which is
 * why Linux and macOS list through the addon (native-records.ts) when they can.
 */
import type * as fs from 'node:fs'
import * as path from 'node:path'

import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { brokenLink } from './broken-link'
import { belowRoot, globMatches } from './glob'
import { pointsInto } from './points-into'
import { errorOf } from './scan-error'
import { type BatchResult, packDir, packMulti, type WalkTask } from './scan-protocol'

export function emptyResult(batch: number): BatchResult {
  return { batch, dirs: '', entries: 0, singleBytes: 0, multi: '', broken: [], matches: [], errors: [] }
}

/** A file's share of a scan: a hard-link group member, or bytes counted once. */
export function countFile(full: string, st: fs.Stats, out: BatchResult, everyFile: boolean): void {
  if ((st.nlink > 1 || everyFile) && st.isFile()) out.multi += packMulti(full, `${st.dev}:${st.ino}`, st.nlink, st.size)
  else out.singleBytes += st.size
}

/** walkDir through node:fs: every platform, and the fallback. */
export function walkDirJs(dir: string, task: WalkTask, out: BatchResult): void {
  let ents: ReturnType<typeof nfs.readdirTypedSync>
  try {
    ents = nfs.readdirTypedSync(dir)
  } catch (e) {
    out.errors.push(errorOf(e, dir, 'vanished during the scan.'))
    return
  }
  out.entries += ents.length
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep
  for (const { name, dirent: d } of ents) {
    const full = prefix + name
    if (d.isDirectory()) {
      folderEntry(full, name, task, out)
      continue
    }
    switch (task.mode) {
      case 'scan':
        scanEntry(full, d, task, out)
        break
      case 'names':
        namesEntry(full, d, task, out)
        break
      case 'find-name':
        if (name === task.name && d.isFile()) out.matches.push({ path: full, kind: 'file' })
        break
      case 'find-glob':
        if (globEntry(full, name, d, task, out)) out.matches.push({ path: full, kind: 'file' })
        break
      case 'links-into':
        if (d.isSymbolicLink() && pointsInto(full, dir, task, pathApi())) out.matches.push({ path: full, kind: 'file' })
        break
    }
  }
}

type TypedDirent = ReturnType<typeof nfs.readdirTypedSync>[number]['dirent']
type Task<M extends WalkTask['mode']> = Extract<WalkTask, { mode: M }>

function folderEntry(full: string, name: string, task: WalkTask, out: BatchResult): void {
  // lstat (not stat): a folder replaced by a link between readdir and here is not descended.
  const st = lstatOrRecord(full, out)
  if (st?.isDirectory()) out.dirs += packDir(full, `${st.dev}:${st.ino}`, st.dev)
  if (task.mode === 'find-name' && name === task.name) out.matches.push({ path: full, kind: 'dir' })
  if (task.mode === 'find-glob' && !task.target && globMatches(task.glob, name, () => belowRoot(task.root, full)))
    out.matches.push({ path: full, kind: 'dir' })
}

/** Whether a file or link matches by name, or (task.target) a link by its stored target, as find -lname. */
function globEntry(full: string, name: string, d: TypedDirent, task: Task<'find-glob'>, out: BatchResult): boolean {
  if (!task.target) return globMatches(task.glob, name, () => belowRoot(task.root, full))
  if (!d.isSymbolicLink()) return false
  try {
    return globMatches(task.glob, nfs.readlinkSync(full), () => '')
  } catch (e) {
    out.errors.push(errorOf(e, full, 'vanished during the search.'))
    return false
  }
}

function scanEntry(full: string, d: TypedDirent, task: Task<'scan'>, out: BatchResult): void {
  if (d.isSymbolicLink()) {
    if (task.broken) {
      const b = brokenLink(full, out)
      if (b) out.broken.push(b)
    }
  } else if (d.isFile() && task.statFiles) {
    const st = lstatOrRecord(full, out)
    if (st) countFile(full, st, out, task.everyFile === true)
  }
}

function namesEntry(full: string, d: TypedDirent, task: Task<'names'>, out: BatchResult): void {
  const same =
    task.type === 'file'
      ? d.isFile()
      : task.type === 'symlink'
        ? d.isSymbolicLink()
        : !d.isFile() && !d.isSymbolicLink()
  if (!same) return
  const st = lstatOrRecord(full, out)
  if (st && st.ino === task.ino && st.dev === task.dev) out.matches.push({ path: full, kind: 'file' })
}

export function lstatOrRecord(full: string, out: BatchResult): fs.Stats | undefined {
  try {
    const st = nfs.lstatOrUndefined(full)
    if (!st) out.errors.push({ path: full, code: 'NOT_FOUND', message: `${full} vanished during the scan.` })
    return st
  } catch (e) {
    out.errors.push(errorOf(e, full, 'vanished during the scan.'))
    return undefined
  }
}
