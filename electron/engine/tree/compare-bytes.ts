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

export type BytePair = {
  a: string
  b: string
  size: number
  same?: boolean
  /** the addon's answer (1 same, 0 differs, -errno) while reads run beside the walk */
  verdict?: number
}

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
export type SameBytes = (pathsA: string, pathsB: string, sizes: Float64Array, threads: number) => Promise<Int32Array>

/** Pairs handed to the addon at once, and their bytes at most: a cancel waits for one batch. */
const BATCH_PAIRS = 4096
const BATCH_BYTES = 256 << 20

/** Batches the addon reads at once: one reading while the walk fills the next. */
const IN_FLIGHT = 2

/**
 * Byte reads that start while the pairs are still being found: `add` each pair as the walk meets it, and
 * with the addon full batches go to its threads at once, so the reads run beside the walk instead of
 * after it. `finish` reads the rest and settles every pair's `same`, in the order added. A pair the addon
 * could not read is read again here, so that its error is the one node:fs gives, thrown at `finish`
 * (after the walk's own problems are reported), never from inside the walk.
 */
export class ByteReads {
  private readonly all: BytePair[] = []
  private batch: BytePair[] = []
  private batchBytes = 0
  private readonly queued: BytePair[][] = []
  private running = 0
  private readonly idle: (() => void)[] = []
  private readonly threads = nativeThreadCount()

  constructor(private readonly sameBytes: SameBytes | undefined) {}

  add(p: BytePair): void {
    this.all.push(p)
    if (!this.sameBytes) return
    this.batch.push(p)
    this.batchBytes += p.size
    if (this.batch.length >= BATCH_PAIRS || this.batchBytes >= BATCH_BYTES) this.send()
  }

  private send(): void {
    if (this.batch.length > 0) this.queued.push(this.batch)
    this.batch = []
    this.batchBytes = 0
    while (this.running < IN_FLIGHT && this.queued.length > 0) this.start(this.queued.shift() as BytePair[])
  }

  private start(batch: BytePair[]): void {
    const sameBytes = this.sameBytes as SameBytes
    this.running++
    let pathsA = ''
    let pathsB = ''
    for (const p of batch) {
      pathsA += p.a + '\0'
      pathsB += p.b + '\0'
    }
    const sizes = Float64Array.from(batch, (p) => p.size)
    sameBytes(pathsA, pathsB, sizes, this.threads)
      .then(
        (v) => batch.forEach((p, i) => (p.verdict = v[i] as number)),
        () => undefined, // left without a verdict: read again at finish
      )
      .finally(() => {
        this.running--
        this.send()
        if (this.running === 0) for (const wake of this.idle.splice(0)) wake()
      })
  }

  /** Read what is left, then set `same` on every pair; a cancel through the pacer throws CANCELLED. */
  async finish(pacer: Pacer): Promise<void> {
    if (this.sameBytes) {
      this.send()
      while (this.running > 0) {
        await new Promise<void>((resolve) => this.idle.push(resolve))
        pacer.check()
      }
    }
    for (const p of this.all) {
      const v = p.verdict
      if (v !== undefined && v >= 0) {
        p.same = v === 1
        continue
      }
      if (pacer.due()) await pacer.pause()
      p.same = samePair(p)
    }
  }
}

/** Set `same` on every pair; a cancel through the pacer's signal throws CANCELLED between pairs or batches. */
export async function compareBytePairs(
  pairs: readonly BytePair[],
  pacer: Pacer,
  native: NativeScan | null = null,
): Promise<void> {
  const reads = byteReads(native)
  for (const p of pairs) reads.add(p)
  await reads.finish(pacer)
}

/** The reads for a compare: through the addon's threads where it is built, else node:fs on this thread. */
export const byteReads = (native: NativeScan | null): ByteReads =>
  new ByteReads((native as { sameBytes?: SameBytes } | null)?.sameBytes)
