/** Byte-for-byte comparison of two files, each opened once, never through a link, and checked to be the file expected. */
import * as fs from 'node:fs'

import { fsPath } from '../fs/fs-names'
import { sameBytesOfOpen } from '../fs/same-bytes'
import { openIs } from './relink'

type Expected = { path: string; id: string }

function openExpected(p: string, id: string): number | null {
  let fd: number
  try {
    fd = fs.openSync(fsPath(p), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
  } catch {
    return null
  }
  const st = fs.fstatSync(fd)
  if (st.isFile() && openIs(p, st, id)) return fd
  fs.closeSync(fd)
  return null
}

/** Whether the open file `fa` and the file `b` hold the same bytes now; false if `b` is not the file expected. */
function sameAsOpen(fa: number, b: Expected): boolean {
  const fb = openExpected(b.path, b.id)
  if (fb === null) return false
  try {
    return fs.fstatSync(fa).size === fs.fstatSync(fb).size && sameBytesOfOpen(fa, fb)
  } finally {
    fs.closeSync(fb)
  }
}

/** Whether the files `a` and `b` (path and expected id each) hold the same bytes now; false if either is not the file expected. */
export function sameBytes(a: Expected, b: Expected): boolean {
  const fa = openExpected(a.path, a.id)
  if (fa === null) return false
  try {
    return sameAsOpen(fa, b)
  } finally {
    fs.closeSync(fa)
  }
}

/**
 * A keeper compared with one member after another, opened (and checked to be the file expected) once
 * for all of them rather than once each. Its bytes are read anew for every member, so a keeper written
 * meanwhile differs from the members compared after; `close` when its members are done.
 */
export class KeeperBytes {
  private fd: number | null | undefined

  constructor(private readonly keeper: Expected) {}

  sameAs(b: Expected): boolean {
    if (this.fd === undefined) this.fd = openExpected(this.keeper.path, this.keeper.id)
    return this.fd !== null && sameAsOpen(this.fd, b)
  }

  close(): void {
    if (typeof this.fd === 'number') fs.closeSync(this.fd)
    this.fd = undefined
  }
}
