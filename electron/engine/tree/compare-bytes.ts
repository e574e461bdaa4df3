/**
 * Byte comparison of many file pairs. Where the addon is built, batches of pairs go to its threads
 * (native/same_bytes.c: open, read and compare there, several pairs at once, no JS call per file); a
 * cancel is let in between batches. Elsewhere, and for a pair the addon could not read (so that the error
 * is reported as node:fs words it), pairs are compared one after the other on this thread: reads on
 * libuv's thread pool, one call per read, were measured first and cost a hand-off between threads per
 * read. Reads are sized by what the listing said (a file read whole in one call, then a one-byte read
 * proves its end). Each pair's verdict is written into it (`same`); a read error rejects with a
 * LinkError, no file left open.
 */
import * as fs from 'node:fs'

import { fsPath } from '../fs/fs-names'
import { fromErrno } from '../platform'
import type { NativeScan } from '../scan/native-scan'
import { nativeThreadCount } from '../scan/walk-tree'
import type { Pacer } from './pacer'

const BLOCK = 1 << 20

export type BytePair = { a: string; b: string; size: number; same?: boolean }

/** One pair of buffers for every comparison: fresh ones per file cost more in GC than the reads. */
let buffers: [Buffer, Buffer] | undefined

/** Read `want` bytes into `buf` from `pos`, or as many as the file has; the count read. */
function readFull(fd: number, buf: Buffer, want: number, pos: number): number {
  let got = 0
  while (got < want) {
    const n = fs.readSync(fd, buf, got, want - got, pos + got)
    if (n === 0) break
    got += n
  }
  return got
}

/** Whether two open files of `size` bytes (when listed) hold the same bytes, read in blocks side by side. */
function sameOpen(fa: number, fb: number, size: number): boolean {
  buffers ??= [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)]
  const [ba, bb] = buffers
  for (let pos = 0; ;) {
    // The last block asks one byte more than is left: a short read then proves the end in one call.
    const left = size - pos
    const want = left > 0 && left < BLOCK ? left + 1 : BLOCK
    const na = readFull(fa, ba, want, pos)
    const nb = readFull(fb, bb, want, pos)
    if (na !== nb || ba.compare(bb, 0, nb, 0, na) !== 0) return false
    if (na < want) return true
    pos += na
  }
}

/** Any surrogate at all: a quick test before the exact one (fsPath), which costs more per path. */
const SURROGATE = /[\uD800-\uDFFF]/
const openPath = (p: string): string | Buffer => (SURROGATE.test(p) ? fsPath(p) : p)

function samePair(p: BytePair): boolean {
  let fa = -1
  let fb = -1
  try {
    try {
      fa = fs.openSync(openPath(p.a), 'r')
    } catch (e) {
      throw fromErrno(e, p.a)
    }
    try {
      fb = fs.openSync(openPath(p.b), 'r')
    } catch (e) {
      throw fromErrno(e, p.b)
    }
    try {
      return sameOpen(fa, fb, p.size)
    } catch (e) {
      throw fromErrno(e, p.a)
    }
  } finally {
    if (fa >= 0) fs.closeSync(fa)
    if (fb >= 0) fs.closeSync(fb)
  }
}

/** The addon's byte comparison (native/same_bytes.c): 1 same, 0 differs, -errno per pair. */
type SameBytes = (pathsA: string, pathsB: string, sizes: Float64Array, threads: number) => Promise<Int32Array>

/** Pairs handed to the addon at once, and their bytes at most: a cancel waits for one batch. */
const BATCH_PAIRS = 4096
const BATCH_BYTES = 256 << 20

/** The next batch of pairs from `from`: as many as the limits allow, one at least. */
function batchEnd(pairs: readonly BytePair[], from: number): number {
  let bytes = 0
  let to = from
  while (to < pairs.length && to - from < BATCH_PAIRS && (to === from || bytes < BATCH_BYTES))
    bytes += (pairs[to++] as BytePair).size
  return to
}

async function compareNative(sameBytes: SameBytes, pairs: readonly BytePair[], pacer: Pacer): Promise<void> {
  const threads = nativeThreadCount()
  for (let from = 0; from < pairs.length;) {
    if (pacer.due()) await pacer.pause()
    const to = batchEnd(pairs, from)
    const batch = pairs.slice(from, to)
    const verdicts = await sameBytes(
      batch.map((p) => p.a + '\0').join(''),
      batch.map((p) => p.b + '\0').join(''),
      Float64Array.from(batch, (p) => p.size),
      threads,
    )
    pacer.check()
    batch.forEach((p, i) => {
      const v = verdicts[i] as number
      p.same = v < 0 ? samePair(p) : v === 1
    })
    from = to
  }
}

/** Set `same` on every pair; a cancel through the pacer's signal throws CANCELLED between pairs or batches. */
export async function compareBytePairs(
  pairs: readonly BytePair[],
  pacer: Pacer,
  native: NativeScan | null = null,
): Promise<void> {
  const sameBytes = (native as { sameBytes?: SameBytes } | null)?.sameBytes
  if (sameBytes) return compareNative(sameBytes, pairs, pacer)
  for (const p of pairs) {
    if (pacer.due()) await pacer.pause()
    p.same = samePair(p)
  }
}
