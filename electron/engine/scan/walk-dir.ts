/**
 * Lists folders synchronously for a walker (ARCHITECTURE.md, "How work runs"): one readdir with file types per folder,
 * and lstat/stat only where the task needs it (symlinks to classify, files for hard links and sizes).
 * Never follows a link: only entries whose own type is "directory" are reported as subfolders.
 *
 * Cost: node:fs has no fstatat, so every lstat walks its whole path from "/" again; on the bench tree
 * `perf` puts about 30% of the CPU in the kernel's path walk (__d_lookup_rcu, link_path_walk), which GNU
 * find avoids with one-component lookups relative to a folder handle. So on Linux and macOS the native
 * addon (native-scan.ts) lists each folder and stats its entries relative to an open handle to it; the
 * node:fs walk below stays for Windows, a missing addon and LINKSCOPE_SCAN_NATIVE=0. applyRecords turns
 * the addon's records (one folder's, or a native walk's) into batch results. Both give the same
 * results: anything the addon could not do (a folder it cannot list, an entry whose lstat failed, a link
 * that fails in an unusual way) is redone here by path, so errors carry node:fs's own codes and messages.
 */
import type * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { LinkError } from '../../../shared/errors'
import { isNameLink, type LinkEntry } from '../../../shared/types/link'
import type { BrokenLink } from '../../../shared/types/scan'
import { reasonFromErrno, statusOfReason } from '../platform/status'
import { entryFromStat, errnoCode, fromErrno, platform, walkDirWin32, type StatFields } from '../platform'
import {
  F_EVERY_FILE, F_FILES, F_FOLLOW, F_LINKS, F_MATCH_ID, F_MATCH_NAME, F_ONE_DEVICE, F_OTHERS, K_DIR, R_BROKEN, R_DIR, R_FAIL, R_MATCH, R_MULTI, R_REDO, REC,
  V_DEV, V_ERR, V_FOLLOW_ERR, V_INO, V_KIND, V_MODE, V_MTIME_NS, V_MTIME_S, V_NLINK, V_SIZE, V_TYPE, nativeScan, type NativeScan,
} from './native-scan'
import { pathApi } from '../listing/paths'
import * as nfs from '../fs/fs-names'
import { pointsInto } from './points-into'
import { packDir, packMulti, type BatchResult, type ScanError, type WalkTask } from './scan-protocol'


export function emptyResult(batch: number): BatchResult {
  return { batch, dirs: '', entries: 0, singleBytes: 0, multi: '', broken: [], matches: [], errors: [] }
}

function errorOf(e: unknown, p: string, vanished: string): ScanError {
  const code = errnoCode(e)
  if (code === 'ENOENT') return { path: p, code: 'NOT_FOUND', message: `${p} ${vanished}` }
  const le = fromErrno(e, p)
  return { path: p, code: le.code, message: le.message }
}

const isPosix = platform().kind === 'posix'

/**
 * POSIX: a link's own LinkEntry from lstat + readlink, the same fields posixEntry (platform/posix/
 * entry.posix.ts) gives. posixEntry would stat the target again and throw once more per broken link:
 * 4000 exceptions cost ~90 ms of a worker's time on the bench tree (--cpu-prof).
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

/** A broken link from the addon's lstat and readlink of it; the status comes from the same stat as the reason. */
function nativeBrokenLink(full: string, code: string, target: string, recs: Float64Array, at: number): BrokenLink {
  // Node's Stats: mtimeMs = sec * 1000 + nsec / 1e6 (msFromTimeSpec), the same doubles in the same order.
  const mtimeMs = (recs[at + V_MTIME_S] as number) * 1000 + (recs[at + V_MTIME_NS] as number) / 1e6
  const entry = brokenLinkEntry(full, target, {
    nlink: recs[at + V_NLINK] as number, dev: recs[at + V_DEV] as number, ino: recs[at + V_INO] as number,
    size: recs[at + V_SIZE] as number, mtimeMs, mode: recs[at + V_MODE] as number,
  })
  const reason = reasonFromErrno(code)
  const link = entry as BrokenLink
  link.status = statusOfReason(reason)
  link.reason = reason
  return link
}

/** A broken link as a LinkEntry + reason, or null when it is fine, gone, or not a name link after all. */
function brokenLink(full: string, out: BatchResult): BrokenLink | null {
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
function brokenLinkFrom(full: string, code: string | undefined, out: BatchResult): BrokenLink | null {
  try {
    const entry = isPosix ? posixLinkEntry(full) : platform().entry(full)
    if (!entry || !isNameLink(entry)) return null // replaced meanwhile; Windows: a reparse point that is not a link
    const reason = reasonFromErrno(code)
    // The status comes from the same stat as the reason, so the two never disagree.
    return { ...entry, status: statusOfReason(reason), targetKind: null, reason }
  } catch (e) {
    if (e instanceof LinkError) out.errors.push({ path: full, code: e.code, message: e.code === 'NOT_FOUND' ? `${full} vanished during the scan.` : e.message })
    else out.errors.push(errorOf(e, full, 'vanished during the scan.'))
    return null
  }
}

/** List one folder into `out`. Failures (denied, vanished) become error records; nothing throws. */
export function walkDir(dir: string, task: WalkTask, out: BatchResult): void {
  // Windows lists through Win32 (exact ids, reparse tags); LINKSCOPE_SCAN_WIN32=0 keeps node:fs, for comparison
  if (!isPosix && process.env.LINKSCOPE_SCAN_WIN32 !== '0') return walkDirWin32(dir, task, out)
  const native = nativeScan()
  // links-into reads only links, which readdir's types find without a stat: node:fs is enough
  if (native && task.mode !== 'links-into' && walkDirNative(native, dir, task, out)) return
  walkDirJs(dir, task, out)
}

/** errno numbers the addon reports for a stat through a link → the codes node:fs would give; others are redone by path. */
const LINK_CODES = new Map<number, string>(
  (['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM'] as const).map((c) => [os.constants.errno[c], c]),
)

export function nativeFlags(task: WalkTask): number {
  switch (task.mode) {
    case 'scan': return (task.statFiles ? F_FILES : 0) | (task.broken ? F_FOLLOW : 0) | (task.device !== undefined ? F_ONE_DEVICE : 0) |
      (task.everyFile ? F_EVERY_FILE : 0)
    case 'names': return F_MATCH_ID | (task.type === 'file' ? F_FILES : task.type === 'symlink' ? F_LINKS : F_OTHERS)
    case 'find-name': return F_MATCH_NAME
    case 'links-into': return 0 // never listed by the addon (walkDir)
  }
}

/**
 * walkDir through the addon; false (nothing added to `out`) when the folder itself cannot be listed, so
 * the node:fs walk lists it again and records the failure with node:fs's codes and messages.
 */
export function walkDirNative(native: NativeScan, dir: string, task: WalkTask, out: BatchResult): boolean {
  let listing
  try {
    listing = task.mode === 'names' ? native.scanDir(dir, nativeFlags(task), undefined, task.dev, task.ino)
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
export function applyRecords(names: readonly string[], prefix: string, recs: Float64Array, targets: readonly string[] | undefined, task: WalkTask, out: BatchResult): void {
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
      case R_MULTI: {
        const dev = recs[at + V_DEV] as number
        out.multi += packMulti(full, `${dev}:${recs[at + V_INO]}`, recs[at + V_NLINK] as number, recs[at + V_SIZE] as number)
        break
      }
      case R_BROKEN: {
        const code = LINK_CODES.get(recs[at + V_FOLLOW_ERR] as number)
        const target = targets?.[r]
        let b: BrokenLink | null
        if (!code) b = brokenLink(full, out) // an unusual failure: all again by path
        else if (recs[at + V_ERR] !== 0 || target === undefined) b = brokenLinkFrom(full, code, out) // its lstat or readlink failed: by path
        else b = nativeBrokenLink(full, code, target, recs, at)
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
  }
}

/** A file's share of a scan: a hard-link group member, or bytes counted once. */
function countFile(full: string, st: fs.Stats, out: BatchResult, everyFile: boolean): void {
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
      // lstat (not stat): a folder replaced by a link between readdir and here is not descended.
      const st = lstatOrRecord(full, out)
      if (st?.isDirectory()) out.dirs += packDir(full, `${st.dev}:${st.ino}`, st.dev)
      if (task.mode === 'find-name' && name === task.name) out.matches.push({ path: full, kind: 'dir' })
      continue
    }
    switch (task.mode) {
      case 'scan':
        if (d.isSymbolicLink()) {
          if (task.broken) {
            const b = brokenLink(full, out)
            if (b) out.broken.push(b)
          }
        } else if (d.isFile() && task.statFiles) {
          const st = lstatOrRecord(full, out)
          if (st) countFile(full, st, out, task.everyFile === true)
        }
        break
      case 'names': {
        const same = task.type === 'file' ? d.isFile() : task.type === 'symlink' ? d.isSymbolicLink() : !d.isFile() && !d.isSymbolicLink()
        if (!same) break
        const st = lstatOrRecord(full, out)
        if (st && st.ino === task.ino && st.dev === task.dev) out.matches.push({ path: full, kind: 'file' })
        break
      }
      case 'find-name':
        if (name === task.name && d.isFile()) out.matches.push({ path: full, kind: 'file' })
        break
      case 'links-into':
        if (d.isSymbolicLink() && pointsInto(full, dir, task, pathApi())) out.matches.push({ path: full, kind: 'file' })
        break
    }
  }
}

function lstatOrRecord(full: string, out: BatchResult): fs.Stats | undefined {
  try {
    const st = nfs.lstatOrUndefined(full)
    if (!st) out.errors.push({ path: full, code: 'NOT_FOUND', message: `${full} vanished during the scan.` })
    return st
  } catch (e) {
    out.errors.push(errorOf(e, full, 'vanished during the scan.'))
    return undefined
  }
}
