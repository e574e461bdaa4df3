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
import { outsideAsar } from '../model/outside-asar'

/** Entry kinds in NativeListing.kinds. */
export const K_FILE = 1
export const K_DIR = 2
export const K_LINK = 3
export const K_OTHER = 4

/** scanDir flags: which entries to lstat (folders always are), and whether to stat through symlinks. */
export const F_FILES = 1
export const F_LINKS = 2
export const F_OTHERS = 4
export const F_FOLLOW = 8

/**
 * One folder, names sorted by their bytes (node:fs's order). With n = names.length:
 * kinds[i] the entry's type from readdir, kinds[n+i] the type its lstat saw (0: not stat'ed or failed);
 * errs[i] errno of its lstat (0: fine or not asked), errs[n+i] errno of the stat through a symlink
 * (0: the target exists, or not asked); nums[NUMS*i + N_…] the lstat's fields. A symlink whose stat through
 * it failed is lstat'ed as well, and targets[i] is what it points to (absent when lstat or readlink failed).
 */
export type NativeListing = { names: string[]; kinds: Uint8Array; errs: Int32Array; nums: Float64Array; targets?: string[] }

/** Doubles per entry in NativeListing.nums, and their order. */
export const NUMS = 8
export const N_NLINK = 0
export const N_INO = 1
export const N_DEV = 2
export const N_SIZE = 3
export const N_MODE = 4
export const N_MTIME_S = 5
export const N_MTIME_NS = 6

export type NativeScan = {
  /** Throws an Error with .code (ENOENT, EACCES, ENOTDIR…) when the folder cannot be opened or read. */
  scanDir(dir: string, flags: number): NativeListing
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

function load(): NativeScan | null {
  const mode = process.env.LINKSCOPE_SCAN_NATIVE
  if (mode === '0') return null
  const problems: string[] = []
  if (process.platform === 'win32') problems.push('not on Windows')
  else {
    for (const file of nativeScanCandidates()) {
      if (!fs.existsSync(file)) continue
      try {
        const mod = { exports: {} as Partial<NativeScan> }
        process.dlopen(mod, file)
        if (typeof mod.exports.scanDir === 'function') return mod.exports as NativeScan
        problems.push(`${file} has no scanDir`)
      } catch (e) {
        problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    if (problems.length === 0) problems.push(`not built (looked for ${nativeScanCandidates().join(', ')})`)
  }
  if (mode === '1') throw new Error(`LINKSCOPE_SCAN_NATIVE=1 but the native scanner is unavailable: ${problems.join('; ')}`)
  return null
}
