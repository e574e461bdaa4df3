/**
 * A folder's entries through the native addon (scan/native/list_dir.c): names in readdir's order, each
 * lstat'ed relative to the open folder, a link read and followed, in C; here only the LinkEntry objects
 * are made. node:fs spends more on a Stats object and a full path per entry than on the stat itself.
 * The records are the ones node:fs gives (entry.posix.ts): any entry C could not read is redone there,
 * so its error or record is exactly node:fs's.
 */
import * as os from 'node:os'
import * as path from 'node:path'

import type { LinkEntry, LinkKind } from '../../../shared/types/link'
import { entryFromStat, platform } from '../platform'
import { statusFromErrno } from '../platform/status'
import { nativeAddon } from '../scan/native-scan'

/** One step of list_dir.c's listNext: names ended by NUL, LREC doubles per name, link texts by index. */
type Step = { names: string; recs: Float64Array; targets?: string[] }
type ListHandle = { readonly __list: unique symbol }
type NativeList = {
  listOpen(dir: string): ListHandle
  listNext(handle: ListHandle, max: number): Step | null
  listClose(handle: ListHandle): void
}

/** Doubles per entry in Step.recs, and their order (list_dir.c). */
const LREC = 11
const L_REDO = 0
const L_KIND = 1
const L_NLINK = 2
const L_INO = 3
const L_DEV = 4
const L_SIZE = 5
const L_MODE = 6
const L_MTIME_S = 7
const L_MTIME_NS = 8
const L_FOLLOW_ERR = 9
const L_FOLLOW_DIR = 10

const KINDS: Record<number, LinkKind> = { 1: 'file', 2: 'dir', 3: 'symlink', 4: 'special' }

let errnoNames: Map<number, string> | undefined
const errnoName = (n: number): string | undefined =>
  (errnoNames ??= new Map(Object.entries(os.constants.errno).map(([name, v]) => [v, name]))).get(n)

let loaded: NativeList | null | undefined
function nativeList(): NativeList | null {
  if (process.env.LINKSCOPE_SCAN_NATIVE === '0') return null
  if (loaded === undefined) {
    const exports = nativeAddon().exports
    loaded = exports && typeof exports.listOpen === 'function' ? (exports as unknown as NativeList) : null
  }
  return loaded
}

export type EntryReader = {
  /** up to `max` entries; null at the end */
  next(max: number): LinkEntry[] | null
  close(): void
}

/**
 * The folder `abs` (absolute, resolved) read natively, or null where the addon cannot (not POSIX, not
 * built, LINKSCOPE_SCAN_NATIVE=0) or the folder does not open: node:fs then lists it or says why not.
 * `byPath` makes the entry of a name C could not read (null: it vanished).
 */
export function openNativeReader(
  abs: string,
  byPath: (full: string, name: string) => LinkEntry | null,
): EntryReader | null {
  const native = platform().kind === 'posix' ? nativeList() : null
  if (!native) return null
  let handle: ListHandle
  try {
    handle = native.listOpen(abs)
  } catch {
    return null
  }
  const prefix = abs.endsWith('/') ? abs : `${abs}/`
  let open = true
  const close = (): void => {
    if (open) native.listClose(handle)
    open = false
  }
  return {
    next(max) {
      const step = open ? native.listNext(handle, max) : null
      if (!step) {
        close()
        return null
      }
      const names = step.names.split('\0')
      const { recs, targets } = step
      const out: LinkEntry[] = []
      for (let i = 0; i < names.length - 1; i++) {
        const name = names[i] as string
        const full = prefix + name
        const at = LREC * i
        if (recs[at + L_REDO]) {
          const e = byPath(full, name)
          if (e) out.push(e)
          continue
        }
        const kind = KINDS[recs[at + L_KIND] as number] as LinkKind
        const entry = entryFromStat(full, kind, {
          nlink: recs[at + L_NLINK] as number,
          dev: recs[at + L_DEV] as number,
          ino: recs[at + L_INO] as number,
          size: recs[at + L_SIZE] as number,
          mode: recs[at + L_MODE] as number,
          // as node:fs computes Stats.mtimeMs, so both listers give the same number
          mtimeMs: (recs[at + L_MTIME_S] as number) * 1000 + (recs[at + L_MTIME_NS] as number) / 1e6,
        })
        if (kind === 'symlink') {
          const target = targets?.[i] as string
          entry.target = target
          entry.resolved = path.resolve(abs, target)
          const failed = recs[at + L_FOLLOW_ERR] as number
          entry.status = failed === 0 ? 'ok' : statusFromErrno(errnoName(failed) ?? 'UNKNOWN')
          entry.targetKind = failed !== 0 ? null : recs[at + L_FOLLOW_DIR] ? 'dir' : 'file'
        }
        out.push(entry)
      }
      return out
    },
    close,
  }
}
