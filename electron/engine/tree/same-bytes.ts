/** Byte comparison and hashing of files, read in blocks so a large file never sits in memory whole. */
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'

import { fsPath } from '../fs/fs-names'
import { sameBytesOfOpen } from '../fs/same-bytes'

const BLOCK = 1 << 20

/** Whether two files hold the same bytes (the caller knows their sizes were equal when listed). */
export function sameBytes(a: string, b: string): boolean {
  const fa = fs.openSync(fsPath(a), 'r')
  try {
    const fb = fs.openSync(fsPath(b), 'r')
    try {
      return sameBytesOfOpen(fa, fb)
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
  const fd = fs.openSync(fsPath(p), 'r')
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
