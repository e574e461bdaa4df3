/** Byte-for-byte comparison of two files, each opened once, never through a link, and checked to be the file expected. */
import * as fs from 'node:fs'

import { sameBytesOfOpen } from '../fs/same-bytes'
import { openIs } from './relink'

function openExpected(p: string, id: string): number | null {
  let fd: number
  try {
    fd = fs.openSync(p, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
  } catch {
    return null
  }
  const st = fs.fstatSync(fd)
  if (st.isFile() && openIs(p, st, id)) return fd
  fs.closeSync(fd)
  return null
}

/** Whether the files `a` and `b` (path and expected id each) hold the same bytes now; false if either is not the file expected. */
export function sameBytes(a: { path: string; id: string }, b: { path: string; id: string }): boolean {
  const fa = openExpected(a.path, a.id)
  if (fa === null) return false
  const fb = openExpected(b.path, b.id)
  try {
    if (fb === null || fs.fstatSync(fa).size !== fs.fstatSync(fb).size) return false
    return sameBytesOfOpen(fa, fb)
  } finally {
    fs.closeSync(fa)
    if (fb !== null) fs.closeSync(fb)
  }
}
