/**
 * The addon's records (one folder's, or a native walk's) turned into batch results, exactly as the
 * node:fs walk (walk-dir-js.ts) would make them: anything the addon could not do (a folder it cannot
 * list, an entry whose lstat failed, a link that fails in an unusual way) is redone by path, so errors
 * carry node:fs's own codes and messages.
 */
import * as path from 'node:path'

import type { BrokenLink } from '../../../shared/types/scan'
import { brokenLink, brokenLinkFrom, LINK_CODES, nativeBrokenLink, nativeLinkEntry } from './broken-link'
import {
  F_EACH,
  F_FILES,
  F_FOLLOW,
  F_LINKS,
  F_MATCH_ID,
  F_MATCH_NAME,
  F_ONE_DEVICE,
  F_OTHERS,
  F_TARGET,
  K_DIR,
  K_FILE,
  K_LINK,
  type NativeScan,
  R_BROKEN,
  R_DIR,
  R_ENTRY,
  R_FAIL,
  R_INTO,
  R_MATCH,
  R_MULTI,
  R_REDO,
  REC,
  V_DEV,
  V_ERR,
  V_FOLLOW_ERR,
  V_INO,
  V_KIND,
  V_NLINK,
  V_SIZE,
  V_STAT_KIND,
  V_TYPE,
} from './native-scan'
import { pointsInto } from './points-into'
import { type BatchResult, packDir, packMulti, type WalkTask } from './scan-protocol'
import { countFile, lstatOrRecord, walkDirJs } from './walk-dir-js'

export function nativeFlags(task: WalkTask): number {
  switch (task.mode) {
    case 'scan':
      return (
        (task.statFiles ? F_FILES : 0) |
        (task.broken ? F_FOLLOW : 0) |
        (task.device !== undefined ? F_ONE_DEVICE : 0) |
        (task.everyFile ? F_EACH : 0)
      )
    case 'names':
      return F_MATCH_ID | (task.type === 'file' ? F_FILES : task.type === 'symlink' ? F_LINKS : F_OTHERS)
    case 'find-name':
      return F_MATCH_NAME
    case 'links-into':
      return F_LINKS | F_EACH | F_TARGET | F_ONE_DEVICE // each link with its text and a stat through it (a native walk; walkDir lists with node:fs)
    case 'find-glob':
      return 0 // never listed by the addon (walkDir)
  }
}

/**
 * walkDir through the addon; false (nothing added to `out`) when the folder itself cannot be listed, so
 * the node:fs walk lists it again and records the failure with node:fs's codes and messages.
 */
export function walkDirNative(native: NativeScan, dir: string, task: WalkTask, out: BatchResult): boolean {
  let listing
  try {
    listing =
      task.mode === 'names'
        ? native.scanDir(dir, nativeFlags(task), undefined, task.dev, task.ino)
        : native.scanDir(dir, nativeFlags(task), task.mode === 'find-name' ? task.name : undefined)
  } catch {
    return false
  }
  out.entries += listing.count
  out.singleBytes += listing.bytes
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep
  applyRecords(listing.names, prefix, listing.recs, listing.targets, task, out)
  return true
}

/**
 * Records from the addon (one folder's, or a native walk's) into `out`. A record's path is
 * prefix + names[r]: one folder's records carry names, a walk's carry full paths (prefix '').
 */
export function applyRecords(
  names: readonly string[],
  prefix: string,
  recs: Float64Array,
  targets: readonly string[] | undefined,
  task: WalkTask,
  out: BatchResult,
): void {
  for (let r = 0; r < names.length; r++) {
    const at = REC * r
    const full = prefix + (names[r] as string)
    const kind = recs[at + V_KIND] as number
    switch (recs[at + V_TYPE]) {
      case R_DIR: {
        const dev = recs[at + V_DEV] as number
        out.dirs += packDir(full, `${dev}:${recs[at + V_INO]}`, dev)
        break
      }
      case R_MULTI: // a file with several names
        fileRecord(full, recs, at, out)
        break
      case R_ENTRY: // F_EACH: in a scan every regular file, one name or more; in links-into each link
        entryRecord(full, recs, at, targets?.[r], task, out)
        break
      case R_INTO: // a link the walk found leading into the target: its text, NUL, the text resolved
        intoRecord(full, recs, at, targets?.[r] as string, out)
        break
      case R_BROKEN: {
        const b = brokenRecord(full, recs, at, targets?.[r], out)
        if (b) out.broken.push(b)
        break
      }
      case R_REDO: // its lstat failed (vanished, denied, a name node:fs cannot reach): by path, for node:fs's own record
        redoByPath(full, kind === K_DIR, task, out)
        break
      case R_MATCH:
        out.matches.push({ path: full, kind: kind === K_DIR ? 'dir' : 'file' })
        break
      case R_FAIL: // a walk's folder that could not be listed: listed again with node:fs, for its own error record
        walkDirJs(full, task, out)
        break
    }
  }
}

function fileRecord(full: string, recs: Float64Array, at: number, out: BatchResult): void {
  const dev = recs[at + V_DEV] as number
  // an ENTRY replaced by another kind since readdir is counted as a scan counts any file with one name
  if (out.multiNames && recs[at + V_TYPE] === R_MULTI) {
    out.multiNames.paths.push(full)
    out.multiNames.nums.push(dev, recs[at + V_INO] as number, recs[at + V_NLINK] as number, recs[at + V_SIZE] as number)
  } else if (recs[at + V_TYPE] === R_MULTI || recs[at + V_STAT_KIND] === K_FILE) {
    out.multi += packMulti(
      full,
      `${dev}:${recs[at + V_INO]}`,
      recs[at + V_NLINK] as number,
      recs[at + V_SIZE] as number,
    )
  } else out.singleBytes += recs[at + V_SIZE] as number
}

function entryRecord(
  full: string,
  recs: Float64Array,
  at: number,
  text: string | undefined,
  task: WalkTask,
  out: BatchResult,
): void {
  if (task.mode !== 'links-into') fileRecord(full, recs, at, out)
  else if (recs[at + V_STAT_KIND] === K_LINK && linkLeadsInto(full, text, task))
    out.matches.push({
      path: full,
      kind: 'file',
      ...(text !== undefined && { entry: nativeLinkEntry(full, text, recs, at) }),
    })
}

function intoRecord(full: string, recs: Float64Array, at: number, both: string, out: BatchResult): void {
  const nul = both.indexOf('\0')
  const entry = nativeLinkEntry(full, both.slice(0, nul), recs, at, both.slice(nul + 1))
  out.matches.push({ path: full, kind: 'file', entry })
}

/** A link of a links-into walk, its text as the addon read it (or undefined: read it again by path). */
function linkLeadsInto(
  full: string,
  text: string | undefined,
  task: Extract<WalkTask, { mode: 'links-into' }>,
): boolean {
  const dir = full.slice(0, full.lastIndexOf(path.sep)) || path.sep
  return pointsInto(full, dir, task, path, text)
}

/** A BROKEN record: from the addon's own lstat and readlink when both worked and the failure is a usual one. */
function brokenRecord(
  full: string,
  recs: Float64Array,
  at: number,
  target: string | undefined,
  out: BatchResult,
): BrokenLink | null {
  const code = LINK_CODES.get(recs[at + V_FOLLOW_ERR] as number)
  if (!code) return brokenLink(full, out) // an unusual failure: all again by path
  if (recs[at + V_ERR] !== 0 || target === undefined) return brokenLinkFrom(full, code, out) // its lstat or readlink failed: by path
  return nativeBrokenLink(full, code, target, recs, at)
}

/** An entry the addon could not lstat, done as walkDirJs does it. */
function redoByPath(full: string, isDir: boolean, task: WalkTask, out: BatchResult): void {
  const st = lstatOrRecord(full, out)
  if (!st) return
  if (isDir) {
    if (st.isDirectory()) out.dirs += packDir(full, `${st.dev}:${st.ino}`, st.dev)
  } else if (task.mode === 'scan') {
    countFile(full, st, out, task.everyFile === true)
  } else if (task.mode === 'names' && st.ino === task.ino && st.dev === task.dev) {
    out.matches.push({ path: full, kind: 'file' })
  } else if (task.mode === 'links-into' && st.isSymbolicLink() && linkLeadsInto(full, undefined, task)) {
    out.matches.push({ path: full, kind: 'file' })
  }
}
