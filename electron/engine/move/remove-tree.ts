/**
 * Delete a folder tree that a move made or set aside, never following a link. Each folder is read once
 * with its entries' types, so a file costs one unlink: node's recursive rmSync asks lstat of every entry
 * and tries rmdir on a folder before reading it, which doubled the cost of a move's last step. Paths are
 * the bytes they are (names that are not UTF-8 included). Windows, and anything unexpected (a folder that
 * changed while being emptied), is left to rmSync, which reports or retries as it does.
 */
import * as fs from 'node:fs'

import * as nfs from '../fs/fs-names'
import { fromErrno } from '../platform'

const SLASH = Buffer.from('/')
const asBuffer = { withFileTypes: true, encoding: 'buffer' } as const

function emptyAndRemove(dir: Buffer): void {
  for (const d of fs.readdirSync(dir, asBuffer)) {
    const child = Buffer.concat([dir, SLASH, d.name])
    if (d.isDirectory()) emptyAndRemove(child)
    else fs.unlinkSync(child)
  }
  fs.rmdirSync(dir)
}

export function removeTree(p: string): void {
  const at = nfs.fsPath(p)
  if (process.platform !== 'win32' && nfs.lstatOrUndefined(p)?.isDirectory()) {
    try {
      emptyAndRemove(Buffer.from(at))
      return
    } catch {
      /* what stands now is left to rmSync below, which retries or reports it */
    }
  }
  try {
    fs.rmSync(at, { recursive: true, force: true })
  } catch (e) {
    throw fromErrno(e, p)
  }
}
