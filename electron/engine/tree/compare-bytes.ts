/**
 * Byte comparison of many file pairs, one after the other on this thread. Reads on libuv's thread pool
 * (a few pairs in flight) were measured first: on a busy machine every read became a hand-off between
 * threads and the system time grew fourfold, so reads are synchronous, sized by what the listing said (a
 * file read whole in one call, then a one-byte read proves its end), and the pacer lets a cancel in.
 * Each pair's verdict is written into it (`same`); a read error rejects with a LinkError, no file left open.
 */
import * as fs from 'node:fs'

import { fsPath } from '../fs/fs-names'
import { fromErrno } from '../platform'
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

/** Set `same` on every pair; a cancel through the pacer's signal throws CANCELLED between pairs. */
export async function compareBytePairs(pairs: readonly BytePair[], pacer: Pacer): Promise<void> {
  for (const p of pairs) {
    if (pacer.due()) await pacer.pause()
    p.same = samePair(p)
  }
}
