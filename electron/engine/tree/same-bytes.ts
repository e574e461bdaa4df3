/** Byte comparison and hashing of files, read in blocks so a large file never sits in memory whole. */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'

const BLOCK = 1 << 20
/** Below this both files are read whole: two reads beat a loop of them. */
const WHOLE = 1 << 20

/** Whether two files hold the same bytes (the caller already knows their sizes are equal). */
export function sameBytes(a: string, b: string): boolean {
  const sa = fs.statSync(a).size
  if (sa !== fs.statSync(b).size) return false
  if (sa <= WHOLE) return fs.readFileSync(a).equals(fs.readFileSync(b))
  const fa = fs.openSync(a, 'r')
  try {
    const fb = fs.openSync(b, 'r')
    try {
      const ba = Buffer.allocUnsafe(BLOCK)
      const bb = Buffer.allocUnsafe(BLOCK)
      for (;;) {
        const na = fs.readSync(fa, ba, 0, BLOCK, null)
        const nb = fs.readSync(fb, bb, 0, BLOCK, null)
        if (na !== nb) return false
        if (na === 0) return true
        if (!ba.subarray(0, na).equals(bb.subarray(0, nb))) return false
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
