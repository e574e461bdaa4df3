/**
 * One hashing step of the search on the native addon's threads (Linux, native/read_hash.c): each file is
 * opened, checked to be the file first seen, read and hashed there, a few files at once on each device,
 * so JavaScript makes one call for thousands of files instead of four or five each. The digests are the
 * ones hash.ts makes (XXH3-128, same hex), so either way gives the same groups and the same hashes.
 */
import { getSystemErrorName } from 'node:util'

import { nativeAddon } from '../scan/native-scan'
import { runsOf } from './bounded'
import type { DupeFile } from './types'

type HashFiles = (
  paths: string[],
  nums: Float64Array,
  threads: number,
) => Promise<{ out: Float64Array; hashes: (string | null)[] }>

/** Numbers per file given to hashFiles, and numbers per file it returns (read_hash.c). */
const IN = 6
const OUT = 7
const OK = 0
const UNOPENED = 1
const UNREAD = 4 // and 2: not the file first seen, 3: written while read
/** Files per call, and bytes: a cancel or a progress report waits for no more than one call. */
const BATCH_FILES = 4096
const BATCH_BYTES = 256 << 20

type XattrsOf = (paths: readonly string[]) => (string | null)[]

const found = new Map<string, unknown>()

/** One function of the addon, or null where there is none (not Linux, or not built, or an older build). */
export function addonFunction<T>(name: string): T | null {
  if (!found.has(name)) {
    const fn = process.platform === 'linux' ? nativeAddon().exports?.[name] : undefined
    found.set(name, typeof fn === 'function' ? fn : null)
  }
  return found.get(name) as T | null
}

export const nativeHashFiles = (): HashFiles | null => addonFunction<HashFiles>('hashFiles')
/** Each path's extended attributes as getfattr's "name=0xHEX" lines (read_hash.c), or null without the addon. */
export const nativeXattrsOf = (): XattrsOf | null => addonFunction<XattrsOf>('xattrsOf')

/** The error of a file the addon could not read (errno its error number). */
export function unreadError(p: string, errno: number): { path: string; code: string; message: string } {
  return { path: p, code: 'UNKNOWN', message: `${p} could not be read: ${getSystemErrorName(-errno)}` }
}

/** A file to hash: `ino`, its inode number where known (else read from its id); `hash`, set by the step. */
export type Hashed = { file: DupeFile; ino?: number; hash: string }

export type NativeStepHooks<T extends Hashed> = {
  /** bytes at which to hash the file: [offset, length] */
  range: (size: number) => [number, number]
  signal: AbortSignal | undefined
  /** after each call, with the bytes it hashed */
  onBatch: (bytes: number) => void
  /** a file that left the running (changed, written meanwhile, or unreadable: then with the reason) */
  drop: (c: T, unread?: { path: string; code: string; message: string }) => void
}

/**
 * Sets each candidate's hash to that of its range, `perDevice` files at once on each device. Returns
 * the candidates that could not be opened by their first name: the caller tries their other names.
 */
export async function hashStepNative<T extends Hashed>(
  hashFiles: HashFiles,
  todo: T[],
  perDevice: number,
  hooks: NativeStepHooks<T>,
): Promise<T[]> {
  const byDevice = new Map<number, T[]>()
  for (const c of todo) {
    const d = byDevice.get(c.file.dev)
    if (d) d.push(c)
    else byDevice.set(c.file.dev, [c])
  }
  const retry: T[] = []
  const device = async (items: T[]): Promise<void> => {
    const lengthOf = (c: T): number => hooks.range(c.file.size)[1]
    // a file weighs its bytes and a block more: a call of many tiny files is bounded by their count
    for (const batch of runsOf(items, (c) => lengthOf(c) + 4096, BATCH_BYTES, BATCH_FILES)) {
      if (hooks.signal?.aborted) return
      const nums = new Float64Array(batch.length * IN)
      const paths: string[] = []
      for (let i = 0, k = 0; i < batch.length; i++, k += IN) {
        const { file, ino } = batch[i] as T
        const [at, length] = hooks.range(file.size)
        nums[k] = file.dev
        nums[k + 1] = ino ?? Number(file.id.slice(file.id.indexOf(':') + 1))
        nums[k + 2] = file.size
        nums[k + 3] = file.mtimeMs
        nums[k + 4] = at
        nums[k + 5] = length
        paths.push(file.paths[0] as string)
      }
      const { out, hashes } = await hashFiles(paths, nums, perDevice)
      let bytes = 0
      for (let i = 0, o = 0; i < batch.length; i++, o += OUT) {
        const c = batch[i] as T
        const status = out[o]
        if (status === OK) {
          const f = c.file
          if (f.mtimeMs < 0) {
            f.mtimeMs = out[o + 2] as number
            f.mode = out[o + 3] as number
            f.uid = out[o + 4] as number
            f.gid = out[o + 5] as number
          }
          if (out[o + 6] === 0) f.noXattrs = true
          c.hash = hashes[i] as string
          bytes += nums[i * IN + 5] as number
        } else if (status === UNOPENED && c.file.paths.length > 1) retry.push(c)
        else if (status === UNREAD) hooks.drop(c, unreadError(c.file.paths[0] as string, out[o + 1] as number))
        else hooks.drop(c)
      }
      hooks.onBatch(bytes)
    }
  }
  await Promise.all([...byDevice.values()].map(device))
  return retry
}
