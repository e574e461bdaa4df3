/**
 * The optional native folder lister (native/scan_dir.c, a Node-API addon built by node-gyp on Linux and
 * macOS): one open folder handle per listing and fstatat(2) per entry, so the kernel looks up one name
 * per stat instead of walking the whole absolute path again, and no Stats objects are built.
 *
 * nativeScan() returns null, and walk-dir.ts uses node:fs, on Windows, when the addon was not built or
 * does not load, or with LINKSCOPE_SCAN_NATIVE=0. LINKSCOPE_SCAN_NATIVE=1 requires it (tests): a
 * missing or broken addon then throws instead of falling back quietly.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { outsideAsar } from '../fs/outside-asar'

/** Entry kinds in NativeListing.kinds (K_NONE: not known, no stat). */
export const K_NONE = 0
export const K_FILE = 1
export const K_DIR = 2
export const K_LINK = 3
export const K_OTHER = 4

/** scanDir flags: which entries to lstat (folders always are), whether to stat through symlinks, what to match. */
export const F_FILES = 1
export const F_LINKS = 2
export const F_OTHERS = 4
export const F_FOLLOW = 8
export const F_MATCH_ID = 16
export const F_MATCH_NAME = 32
/** walkStart only: queue no folder on another device than the root's */
export const F_ONE_DEVICE = 64
/**
 * A record for each entry the kind flags (F_FILES, F_LINKS, F_OTHERS) select, not only for those a scan
 * acts on: R_DIR, or R_ENTRY with its lstat (a link's text in targets). Duplicate finding asks it for
 * files (each one's id and size), tree copy and compare for every kind (F_EVERY).
 */
export const F_EACH = 128
/**
 * walkStart only: each folder listed gives an R_LISTED record (its own path) followed by all of its
 * records, its subfolders' R_DIR records too, each with its name only (not its full path), so a whole
 * tree's listings can be rebuilt (compare).
 */
export const F_LISTED = 256
/**
 * With F_EACH: each link's R_ENTRY also carries a stat through it (V_FOLLOW_ERR its errno, or V_TARGET_KIND
 * what it reached), so "links pointing here" gives a link's status without one more stat by full path.
 */
export const F_TARGET = 512
/**
 * walkStart only, with the target and its real path: a link that leads into the target (native/link_into.c)
 * gets an R_INTO record, one that does not gets none, one the addon cannot decide keeps its R_ENTRY.
 */
export const F_INTO = 1024
/** a record for every entry, for tree copy and compare */
export const F_EVERY = F_EACH | F_FILES | F_LINKS | F_OTHERS

/** Record types in NativeListing.recs. */
export const R_DIR = 1
export const R_MULTI = 2
export const R_BROKEN = 3
export const R_REDO = 4
export const R_MATCH = 5
/** only from a walk: a folder that could not be listed (V_ERR its errno) */
export const R_FAIL = 6
/** only with F_EACH: an entry that is not a folder, with its lstat */
export const R_ENTRY = 7
/** only from a walk with F_LISTED: the folder whose records follow */
export const R_LISTED = 8
/** only from a walk with F_INTO: a link leading into the target; targets[r] is its text, NUL, the text resolved */
export const R_INTO = 9

/**
 * One folder, reduced to what a walk acts on (scan_dir.c says which entries make a record): `count`
 * entries were listed, `bytes` is the size of the lstat'ed files that need no record, and each record r
 * is names[r] with recs[REC*r + V_…] (targets[r] for a broken link whose lstat and readlink worked).
 * Records come in node:fs's name order.
 */
export type NativeListing = { count: number; bytes: number; names: string[]; recs: Float64Array; targets?: string[] }

/** Doubles per record in NativeListing.recs, and their order. */
export const REC = 13
export const V_TYPE = 0
/** the entry's kind from readdir (K_…) */
export const V_KIND = 1
/** errno of its lstat (or readlink), 0 when fine */
export const V_ERR = 2
/** errno of the stat through a link */
export const V_FOLLOW_ERR = 3
/** the kind its lstat saw; 0 without a stat */
export const V_STAT_KIND = 4
export const V_NLINK = 5
export const V_INO = 6
export const V_DEV = 7
export const V_SIZE = 8
export const V_MODE = 9
export const V_MTIME_S = 10
export const V_MTIME_NS = 11
/** F_TARGET: the kind a stat through a link saw (K_…); 0 when it failed or was not asked for */
export const V_TARGET_KIND = 12

/** What a native walk found since the last drain: records with full paths, or names with F_LISTED (see native/walk.c). */
export type WalkDrain = {
  recs: Float64Array
  /** each record's full path, ended by NUL */
  paths: string
  targets?: string[]
  entries: number
  bytes: number
  folders: number
  /** with F_ONE_DEVICE: subfolders on another device, not entered */
  mounts: number
  queued: number
  /** no folder queued or being listed */
  idle: boolean
}

/** A native walk in progress (an opaque handle). */
export type WalkHandle = { readonly __walk: unique symbol }

export type NativeScan = {
  /**
   * Throws an Error with .code (ENOENT, EACCES, ENOTDIR…) when the folder cannot be opened or read.
   * `name` is matched with F_MATCH_NAME, `dev` and `ino` with F_MATCH_ID.
   */
  scanDir(dir: string, flags: number, name?: string, dev?: number, ino?: number): NativeListing
  /**
   * A whole-tree walk on `threads` native threads from `root` (the folder dev:ino); see native/walk.c.
   * `target` and `real`: with F_INTO, the place links are asked about, as given and as its real path.
   * `coldThreads`: while listings read from the disk, more walkers start, up to this many in all.
   */
  walkStart(
    root: string,
    dev: number,
    ino: number,
    flags: number,
    threads: number,
    target?: string,
    real?: string,
    coldThreads?: number,
  ): WalkHandle
  walkDrain(walk: WalkHandle): WalkDrain
  /** Queue a folder found by JS; false when it was queued before. */
  walkPush(walk: WalkHandle, dir: string, dev: number, ino: number): boolean
  /**
   * End the walk without waiting: its threads stop within a few hundred entries of the folder in hand.
   * Returns how many still run (those that exited are joined); `abandon` detaches them, for one that may
   * wait for ever in a syscall on a hung mount.
   */
  walkStop(walk: WalkHandle, abandon?: boolean): number
}

export const NATIVE_FILE = 'linkscope_scan.node'

/**
 * Where the built addon may be: out/native/ beside the bundles, or the node-gyp build folder (source). In a
 * packaged app it ships unpacked beside app.asar (package.json build.asarUnpack) and loads from there.
 */
export function nativeScanCandidates(dir = __dirname): string[] {
  return [
    path.join(dir, '..', 'native', NATIVE_FILE), // bundled: out/engine/*.js, out/cli/*.js
    path.join(dir, '..', '..', '..', 'out', 'native', NATIVE_FILE), // source: electron/engine/scan/
    path.join(dir, 'native', 'build', 'Release', NATIVE_FILE), // source, built but not copied
  ].map(outsideAsar)
}

let loaded: NativeScan | null | undefined

export function nativeScan(): NativeScan | null {
  if (loaded === undefined) loaded = load()
  return loaded
}

type AddonLoad = { exports: Record<string, unknown> | null; problems: string[] }
let addon: AddonLoad | undefined

/** The addon's exports, loaded once for every user of it (the scanner, the *at link operations). */
export function nativeAddon(): AddonLoad {
  if (addon) return addon
  const problems: string[] = []
  if (process.platform === 'win32') problems.push('not on Windows')
  else {
    for (const file of nativeScanCandidates()) {
      if (!fs.existsSync(file)) continue
      try {
        const mod = { exports: {} as Record<string, unknown> }
        process.dlopen(mod, file)
        addon = { exports: mod.exports, problems }
        return addon
      } catch (e) {
        problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    if (problems.length === 0) problems.push(`not built (looked for ${nativeScanCandidates().join(', ')})`)
  }
  addon = { exports: null, problems }
  return addon
}

/** The addon's function `name`, or null where it has none or native code is off (LINKSCOPE_SCAN_NATIVE=0, read each call). */
export function addonExport<T>(name: string): T | null {
  if (process.env.LINKSCOPE_SCAN_NATIVE === '0') return null
  const fn = nativeAddon().exports?.[name]
  return typeof fn === 'function' ? (fn as T) : null
}

function load(): NativeScan | null {
  const mode = process.env.LINKSCOPE_SCAN_NATIVE
  if (mode === '0') return null
  const { exports, problems } = nativeAddon()
  if (exports) {
    if (typeof exports.scanDir === 'function' && typeof exports.walkStart === 'function')
      return exports as unknown as NativeScan
    problems.push('the addon has no scanDir or walkStart (an older build)')
  }
  if (mode === '1')
    throw new Error(`LINKSCOPE_SCAN_NATIVE=1 but the native scanner is unavailable: ${problems.join('; ')}`)
  return null
}
