/** Byte-for-byte comparison of two files, each opened once, never through a link, and checked to be the file expected. */
import * as fs from 'node:fs'

const CHUNK = 1 << 20
// made once: a compare per file would otherwise allocate two of them, and the collector would pay
let buffers: [Buffer, Buffer] | undefined

function openExpected(p: string, id: string): number | null {
  let fd: number
  try {
    fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
  } catch {
    return null
  }
  const st = fs.fstatSync(fd)
  if (st.isFile() && `${st.dev}:${st.ino}` === id) return fd
  fs.closeSync(fd)
  return null
}

function readFull(fd: number, buf: Buffer, position: number): number {
  let got = 0
  while (got < buf.length) {
    const n = fs.readSync(fd, buf, got, buf.length - got, position + got)
    if (n === 0) break
    got += n
  }
  return got
}

/** Whether the files `a` and `b` (path and expected id each) hold the same bytes now; false if either is not the file expected. */
export function sameBytes(a: { path: string; id: string }, b: { path: string; id: string }): boolean {
  const fa = openExpected(a.path, a.id)
  if (fa === null) return false
  const fb = openExpected(b.path, b.id)
  try {
    if (fb === null || fs.fstatSync(fa).size !== fs.fstatSync(fb).size) return false
    buffers ??= [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)]
    const [ba, bb] = buffers
    for (let pos = 0; ;pos += CHUNK) {
      const na = readFull(fa, ba, pos)
      const nb = readFull(fb, bb, pos)
      if (na !== nb || !ba.subarray(0, na).equals(bb.subarray(0, nb))) return false
      if (na < CHUNK) return true
    }
  } finally {
    fs.closeSync(fa)
    if (fb !== null) fs.closeSync(fb)
  }
}
