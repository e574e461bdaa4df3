/** Byte comparison and hashing of files, read in blocks so a large file never sits in memory whole. */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'

const BLOCK = 1 << 20
/** One pair of buffers for every comparison: a tree compare reads thousands of files, and fresh buffers cost more in GC than the reads. */
let pair: [Buffer, Buffer] | undefined

/** Fill `buf` from `fd` as far as the file goes; the count read. */
function fill(fd: number, buf: Buffer): number {
  let n = 0
  while (n < buf.length) {
    const got = fs.readSync(fd, buf, n, buf.length - n, null)
    if (got === 0) break
    n += got
  }
  return n
}

/** Whether two files hold the same bytes (the caller knows their sizes were equal when listed). */
export function sameBytes(a: string, b: string): boolean {
  pair ??= [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)]
  const [ba, bb] = pair
  const fa = fs.openSync(a, 'r')
  try {
    const fb = fs.openSync(b, 'r')
    try {
      for (;;) {
        const na = fill(fa, ba)
        const nb = fill(fb, bb)
        if (na !== nb) return false
        if (na === 0) return true
        if (ba.compare(bb, 0, nb, 0, na) !== 0) return false
        if (na < BLOCK) return true
      }
    } finally {
      fs.closeSync(fb)
    }
  } finally {
    fs.closeSync(fa)
  }
}

/** The sha256 of a file's bytes, in hex. */
export function fileHash(p: string): string {
  const h = createHash('sha256')
  const fd = fs.openSync(p, 'r')
  try {
    const buf = Buffer.allocUnsafe(BLOCK)
    for (;;) {
      const n = fs.readSync(fd, buf, 0, BLOCK, null)
      if (n === 0) break
      h.update(buf.subarray(0, n))
    }
  } finally {
    fs.closeSync(fd)
  }
  return h.digest('hex')
}
