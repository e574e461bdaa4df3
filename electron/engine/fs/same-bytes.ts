/**
 * Whether two open files hold the same bytes, read side by side in blocks so a large file never sits in
 * memory whole. Shared by dedupe (the compare before each link) and tree compare and restore.
 */
import * as fs from 'node:fs'

const BLOCK = 1 << 20
/** One pair of buffers for every comparison: thousands of files are compared, and fresh buffers cost more in GC than the reads. */
let pair: [Buffer, Buffer] | undefined

/** Fill `buf` from `fd` at `position` as far as the file goes; the count read. */
function readFull(fd: number, buf: Buffer, position: number): number {
  let got = 0
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, position + got)
    if (n === 0) break
    got += n
  }
  return got
}

/** Whether the files open as `fa` and `fb` hold the same bytes from their start to their end. */
export function sameBytesOfOpen(fa: number, fb: number): boolean {
  pair ??= [Buffer.allocUnsafe(BLOCK), Buffer.allocUnsafe(BLOCK)]
  const [ba, bb] = pair
  for (let pos = 0; ; pos += BLOCK) {
    const na = readFull(fa, ba, pos)
    const nb = readFull(fb, bb, pos)
    if (na !== nb || ba.compare(bb, 0, nb, 0, na) !== 0) return false
    if (na < BLOCK) return true
  }
}
