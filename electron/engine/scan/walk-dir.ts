/**
 * Lists folders synchronously for a worker thread (DESIGN.md §4): one readdir with file types per folder,
 * and lstat/stat only where the task needs it (symlinks to classify, files for hard links and sizes).
 * Never follows a link: only entries whose own type is "directory" are reported as subfolders.
 *
 * Cost: node:fs has no fstatat, so every lstat walks its whole path from "/" again; on the bench tree
 * `perf` puts about 30% of the CPU in the kernel's path walk (__d_lookup_rcu, link_path_walk), which GNU
 * find avoids with one-component lookups relative to a folder handle. So on Linux and macOS the native
 * addon (native-scan.ts) lists each folder and stats its entries relative to an open handle to it; the
 * node:fs walk below stays for Windows, a missing addon and LINKSCOPE_SCAN_NATIVE=0. Both give the same
 * records: anything the addon could not do (a folder it cannot list, an entry whose lstat failed, a link
 * that fails in an unusual way) is redone here by path, so errors carry node:fs's own codes and messages.
 */
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { LinkError } from '../../../shared/errors'
import { isNameLink, type LinkEntry } from '../../../shared/types/link'
import type { BrokenLink } from '../../../shared/types/scan'
import { reasonFromErrno, statusOfReason } from '../model/status'
import { entryFromStat, type StatFields } from '../platform/posix/entry.posix'
import { errnoCode, fromErrno } from '../platform/posix/errno'
import { platform } from '../platform'
import {
  F_FILES, F_FOLLOW, F_LINKS, F_OTHERS, K_DIR, K_FILE, K_LINK, N_DEV, N_INO, N_MODE, N_MTIME_NS, N_MTIME_S, N_NLINK, N_SIZE, NUMS,
  nativeScan, type NativeScan,
} from './native-scan'
import { packDir, packMulti, type BatchResult, type ScanError, type WalkTask } from './scan-protocol'

const NO_THROW = { throwIfNoEntry: false } as const

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
  const st = fs.lstatSync(full)
  if (!st.isSymbolicLink()) return null
  return brokenLinkEntry(full, fs.readlinkSync(full), st)
}

/** A symlink's entry as a broken one (the caller sets the status from the reason). */
function brokenLinkEntry(full: string, target: string, st: StatFields): LinkEntry {
  return { ...entryFromStat(full, 'symlink', st), status: 'broken', target, resolved: path.resolve(path.dirname(full), target), targetKind: null }
}

/** A broken link from the addon's lstat and readlink of it; the status comes from the same stat as the reason. */
function nativeBrokenLink(full: string, code: string, target: string, nums: Float64Array, at: number): BrokenLink {
  // Node's Stats: mtimeMs = sec * 1000 + nsec / 1e6 (msFromTimeSpec), the same doubles in the same order.
  const mtimeMs = (nums[at + N_MTIME_S] as number) * 1000 + (nums[at + N_MTIME_NS] as number) / 1e6
  const entry = brokenLinkEntry(full, target, {
    nlink: nums[at + N_NLINK] as number, dev: nums[at + N_DEV] as number, ino: nums[at + N_INO] as number,
    size: nums[at + N_SIZE] as number, mtimeMs, mode: nums[at + N_MODE] as number,
  })
  const reason = reasonFromErrno(code)
  return { ...entry, status: statusOfReason(reason), targetKind: null, reason }
}

/** A broken link as a LinkEntry + reason, or null when it is fine, gone, or not a name link after all. */
function brokenLink(full: string, out: BatchResult): BrokenLink | null {
  let code: string | undefined
  try {
    // throwIfNoEntry: the common broken case (ENOENT) costs no exception; ENOTDIR, ELOOP, EACCES still throw.
    if (fs.statSync(full, NO_THROW)) return null
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
  const native = nativeScan()
  if (native && walkDirNative(native, dir, task, out)) return
  walkDirJs(dir, task, out)
}

/** errno numbers the addon reports for a stat through a link → the codes node:fs would give; others are redone by path. */
const LINK_CODES = new Map<number, string>(
  (['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM'] as const).map((c) => [os.constants.errno[c], c]),
)

function nativeFlags(task: WalkTask): number {
  switch (task.mode) {
    case 'scan': return (task.statFiles ? F_FILES : 0) | (task.broken ? F_FOLLOW : 0)
    case 'names': return task.type === 'file' ? F_FILES : task.type === 'symlink' ? F_LINKS : F_OTHERS
    case 'find-name': return 0
  }
}

/**
 * walkDir through the addon; false (nothing added to `out`) when the folder itself cannot be listed, so
 * the node:fs walk lists it again and records the failure with node:fs's codes and messages.
 */
export function walkDirNative(native: NativeScan, dir: string, task: WalkTask, out: BatchResult): boolean {
  let listing
  try {
    listing = native.scanDir(dir, nativeFlags(task))
  } catch {
    return false
  }
  const { names, kinds, errs, nums, targets } = listing
  const n = names.length
  out.entries += n
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep
  for (let i = 0; i < n; i++) {
    const name = names[i] as string
    const kind = kinds[i]
    const full = prefix + name
    if (kind === K_DIR) {
      if (errs[i] !== 0) { // vanished, denied…: lstat by path again for node:fs's own error record
        const st = lstatOrRecord(full, out)
        if (st?.isDirectory()) out.dirs += packDir(full, `${st.dev}:${st.ino}`, st.dev)
      } else if (kinds[n + i] === K_DIR) {
        const dev = nums[NUMS * i + N_DEV] as number
        out.dirs += packDir(full, `${dev}:${nums[NUMS * i + N_INO]}`, dev)
      }
      if (task.mode === 'find-name' && name === task.name) out.matches.push({ path: full, kind: 'dir' })
      continue
    }
    switch (task.mode) {
      case 'scan':
        if (kind === K_LINK) {
          if (task.broken && errs[n + i] !== 0) {
            const code = LINK_CODES.get(errs[n + i] as number)
            const target = targets?.[i]
            let b: BrokenLink | null
            if (!code) b = brokenLink(full, out) // an unusual failure: all again by path
            else if (errs[i] !== 0 || target === undefined) b = brokenLinkFrom(full, code, out) // its lstat or readlink failed: by path
            else b = nativeBrokenLink(full, code, target, nums, NUMS * i) // targets[i] is only there for a link lstat saw
            if (b) out.broken.push(b)
          }
        } else if (kind === K_FILE && task.statFiles) {
          if (errs[i] !== 0) {
            const st = lstatOrRecord(full, out)
            if (!st) break
            if (st.nlink > 1 && st.isFile()) out.multi += packMulti(full, `${st.dev}:${st.ino}`, st.nlink, st.size)
            else out.singleBytes += st.size
            break
          }
          const at = NUMS * i
          const links = nums[at + N_NLINK] as number
          if (links > 1 && kinds[n + i] === K_FILE) out.multi += packMulti(full, `${nums[at + N_DEV]}:${nums[at + N_INO]}`, links, nums[at + N_SIZE] as number)
          else out.singleBytes += nums[at + N_SIZE] as number
        }
        break
      case 'names': {
        const same = task.type === 'file' ? kind === K_FILE : task.type === 'symlink' ? kind === K_LINK : kind !== K_FILE && kind !== K_LINK
        if (!same) break
        if (errs[i] !== 0) {
          const st = lstatOrRecord(full, out)
          if (st && st.ino === task.ino && st.dev === task.dev) out.matches.push({ path: full, kind: 'file' })
        } else if (nums[NUMS * i + N_INO] === task.ino && nums[NUMS * i + N_DEV] === task.dev) out.matches.push({ path: full, kind: 'file' })
        break
      }
      case 'find-name':
        if (name === task.name && kind === K_FILE) out.matches.push({ path: full, kind: 'file' })
        break
    }
  }
  return true
}

/** walkDir through node:fs: every platform, and the fallback. */
export function walkDirJs(dir: string, task: WalkTask, out: BatchResult): void {
  let ents: fs.Dirent[]
  try {
    ents = fs.readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    out.errors.push(errorOf(e, dir, 'vanished during the scan.'))
    return
  }
  out.entries += ents.length
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep
  for (const d of ents) {
    const full = prefix + d.name
    if (d.isDirectory()) {
      // lstat (not stat): a folder replaced by a link between readdir and here is not descended.
      const st = lstatOrRecord(full, out)
      if (st?.isDirectory()) out.dirs += packDir(full, `${st.dev}:${st.ino}`, st.dev)
      if (task.mode === 'find-name' && d.name === task.name) out.matches.push({ path: full, kind: 'dir' })
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
          if (!st) break
          if (st.nlink > 1 && st.isFile()) out.multi += packMulti(full, `${st.dev}:${st.ino}`, st.nlink, st.size)
          else out.singleBytes += st.size
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
        if (d.name === task.name && d.isFile()) out.matches.push({ path: full, kind: 'file' })
        break
    }
  }
}

function lstatOrRecord(full: string, out: BatchResult): fs.Stats | undefined {
  try {
    const st = fs.lstatSync(full, NO_THROW)
    if (!st) out.errors.push({ path: full, code: 'NOT_FOUND', message: `${full} vanished during the scan.` })
    return st
  } catch (e) {
    out.errors.push(errorOf(e, full, 'vanished during the scan.'))
    return undefined
  }
}
