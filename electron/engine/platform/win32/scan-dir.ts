/**
 * The Windows scanner's one-folder step: what walk-dir.ts does with node:fs on POSIX, here from
 * FindFirstFileExW records (names, attributes, reparse tags and sizes in one pass). node:fs is wrong
 * for this on Windows: it reports every reparse point as a symbolic link (so OneDrive and ProjFS
 * folders were never entered) and rounds 64-bit NTFS file ids to doubles (so unrelated files could
 * share an id). Here a folder is entered unless its tag makes it a link, and every id is the one
 * entry() gives, so ls, scan, names and hard-link groups agree.
 *
 * Only what can change the answer is asked per entry: a folder's id (the walk's visited set), a file's
 * link count (hard-link groups) where the task counts files, a link's target status where the task
 * wants broken links.
 */
import * as path from 'node:path'

import { LinkError } from '../../../../shared/errors'
import { isNameLink } from '../../../../shared/types/link'
import type { BrokenLink, BrokenReason } from '../../../../shared/types/scan'
import { pointsInto } from '../../scan/points-into'
import { type BatchResult, packDir, packMulti, type WalkTask } from '../../scan/scan-protocol'
import { FILE_ATTRIBUTE_DIRECTORY, FILE_ATTRIBUTE_REPARSE_POINT, type FindData } from './codec/file-info'
import { toExtended } from './codec/paths'
import { isLinkTag } from './codec/reparse-tags'
import { openFind } from './dir-reader'
import { fileLinks, fileStat } from './file-stat'
import { win32Entry } from './link-entry'
import { identify, withEntry } from './native-file'

const BATCH = 512

/** What a listing record is, without opening it. */
export type RecordKind = 'dir' | 'file' | 'link'

/**
 * A reparse point is a link only if its tag says so (name surrogates, AppExecLinks). A reparse point
 * with no tag at all is how Wine shows a host symlink: never entered, never counted.
 */
export function recordKind(fd: Pick<FindData, 'attributes' | 'reparseTag'>): RecordKind {
  if ((fd.attributes & FILE_ATTRIBUTE_REPARSE_POINT) !== 0 && (fd.reparseTag === 0 || isLinkTag(fd.reparseTag)))
    return 'link'
  return (fd.attributes & FILE_ATTRIBUTE_DIRECTORY) !== 0 ? 'dir' : 'file'
}

function record(out: BatchResult, full: string, e: unknown): void {
  if (e instanceof LinkError) {
    out.errors.push({
      path: full,
      code: e.code,
      message: e.code === 'NOT_FOUND' ? `${full} vanished during the scan.` : e.message,
    })
  } else {
    out.errors.push({ path: full, code: 'UNKNOWN', message: `${full}: ${e instanceof Error ? e.message : String(e)}` })
  }
}

const reasonOf = (status: string): BrokenReason =>
  status === 'loop' ? 'loop' : status === 'denied' ? 'denied' : 'missing'

/** A link whose target cannot be reached, as the scan reports it; null when it is fine or not a link. */
function brokenLink(full: string, out: BatchResult): BrokenLink | null {
  try {
    const entry = win32Entry(full)
    if (!isNameLink(entry) || entry.status === 'ok' || entry.status === 'n/a') return null
    return { ...entry, targetKind: null, reason: reasonOf(entry.status) }
  } catch (e) {
    record(out, full, e)
    return null
  }
}

/** A real subfolder, with its id and volume serial for the walk's visited set and device rule. */
function addDir(full: string, out: BatchResult): void {
  try {
    const ext = toExtended(full)
    const info = withEntry(ext, (h) => identify(h, ext))
    out.dirs += packDir(full, info.id, info.volumeSerial)
  } catch (e) {
    record(out, full, e)
  }
}

/** A file's share of a scan: a hard-link group member (every file, with its id, for duplicate finding), or bytes counted once. */
function countFile(full: string, fd: FindData, out: BatchResult, everyFile: boolean): void {
  try {
    const st = everyFile ? fileStat(full) : fileLinks(full)
    if (everyFile) {
      out.multi += packMulti(full, st.id as string, st.links, fd.size)
      return
    }
    if (st.links > 1 && st.id !== undefined) out.multi += packMulti(full, st.id, st.links, fd.size)
    else out.singleBytes += fd.size
  } catch (e) {
    record(out, full, e)
  }
}

function sameFile(full: string, id: string, out: BatchResult): boolean {
  try {
    return fileStat(full).id === id
  } catch (e) {
    record(out, full, e)
    return false
  }
}

/** List one folder into `out`, as walkDirJs does. Failures become error records; nothing throws. */
export function walkDirWin32(dir: string, task: WalkTask, out: BatchResult): void {
  let reader
  try {
    reader = openFind(dir)
  } catch (e) {
    record(out, dir, e)
    return
  }
  const prefix = dir.endsWith('\\') ? dir : `${dir}\\`
  try {
    for (let batch = reader.next(BATCH); batch !== null; batch = reader.next(BATCH)) {
      out.entries += batch.length
      for (const fd of batch) each(prefix + fd.name, fd, dir, task, out)
    }
  } catch (e) {
    record(out, dir, e) // the folder went away while it was being read
  } finally {
    reader.close()
  }
}

/** A scan's look at a file or link: its link count where files are counted, its target where broken links are wanted. */
function scanEntry(
  full: string,
  fd: FindData,
  kind: RecordKind,
  task: Extract<WalkTask, { mode: 'scan' }>,
  out: BatchResult,
): void {
  if (kind !== 'link') {
    if (task.statFiles) countFile(full, fd, out, task.everyFile === true)
    return
  }
  if (!task.broken) return
  const b = brokenLink(full, out)
  if (b) out.broken.push(b)
}

function each(full: string, fd: FindData, dir: string, task: WalkTask, out: BatchResult): void {
  const kind = recordKind(fd)
  if (kind === 'dir') {
    addDir(full, out)
    if (task.mode === 'find-name' && fd.name === task.name) out.matches.push({ path: full, kind: 'dir' })
    return
  }
  switch (task.mode) {
    case 'scan':
      scanEntry(full, fd, kind, task, out)
      break
    case 'names':
      if (task.id !== undefined && (kind === 'link') === (task.type === 'symlink') && sameFile(full, task.id, out)) {
        out.matches.push({ path: full, kind: 'file' })
      }
      break
    case 'find-name':
      if (fd.name === task.name && kind === 'file') out.matches.push({ path: full, kind: 'file' })
      break
    case 'links-into':
      if (kind === 'link' && pointsInto(full, dir, task, path.win32)) out.matches.push({ path: full, kind: 'file' })
      break
  }
}

/** The id and volume serial of a walk's root folder, reached through links as the person named it. */
export function rootIdentity(dir: string): { id: string; dev: number } {
  const ext = toExtended(dir)
  const info = withEntry(ext, (h) => identify(h, ext), 0, true)
  return { id: info.id, dev: info.volumeSerial }
}
