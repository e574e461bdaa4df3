/** Byte-for-byte comparison of two files, each opened once, never through a link, and checked to be the file expected. */
import * as fs from 'node:fs'

import { fsPath } from '../fs/fs-names'
import { sameBytesOfOpen } from '../fs/same-bytes'
import { kindOfMode, nativeAt } from '../platform'
import { openIs } from './relink'

type Expected = { path: string; id: string }
type Opened = { fd: number; size: number }

/** What the open file is: through the addon where there is one (no fs.Stats with its Date objects, a link each). */
function fstatOf(fd: number): { file: boolean; dev: number; ino: number; size: number } {
  const at = nativeAt()
  if (at) {
    const st = at.atFstat(fd)
    return { file: kindOfMode(st.mode) === 'file', dev: st.dev, ino: st.ino, size: st.size }
  }
  const st = fs.fstatSync(fd)
  return { file: st.isFile(), dev: st.dev, ino: st.ino, size: st.size }
}

function openExpected(p: string, id: string): Opened | null {
  let fd: number
  try {
    fd = fs.openSync(fsPath(p), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
  } catch {
    return null
  }
  const st = fstatOf(fd)
  if (st.file && openIs(p, st, id)) return { fd, size: st.size }
  fs.closeSync(fd)
  return null
}

/**
 * Whether the open file `a` and the file `b` hold the same bytes now; false if `b` is not the file
 * expected. The sizes seen at their opens only spare reading files that differ in length: the reads
 * compare to the end of both either way.
 */
function sameAsOpen(a: Opened, b: Expected): boolean {
  const ob = openExpected(b.path, b.id)
  if (ob === null) return false
  try {
    return a.size === ob.size && sameBytesOfOpen(a.fd, ob.fd)
  } finally {
    fs.closeSync(ob.fd)
  }
}

/** Whether the files `a` and `b` (path and expected id each) hold the same bytes now; false if either is not the file expected. */
export function sameBytes(a: Expected, b: Expected): boolean {
  const oa = openExpected(a.path, a.id)
  if (oa === null) return false
  try {
    return sameAsOpen(oa, b)
  } finally {
    fs.closeSync(oa.fd)
  }
}

/**
 * A keeper compared with one member after another, opened (and checked to be the file expected) once
 * for all of them rather than once each. Its bytes are read anew for every member, so a keeper written
 * meanwhile differs from the members compared after; `close` when its members are done.
 */
export class KeeperBytes {
  private opened: Opened | null | undefined

  constructor(private readonly keeper: Expected) {}

  sameAs(b: Expected): boolean {
    if (this.opened === undefined) this.opened = openExpected(this.keeper.path, this.keeper.id)
    return this.opened !== null && sameAsOpen(this.opened, b)
  }

  close(): void {
    if (this.opened) fs.closeSync(this.opened.fd)
    this.opened = undefined
  }
}
