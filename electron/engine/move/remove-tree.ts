/**
 * Delete a folder tree that a move made or set aside, never following a link. The native addon's
 * removeTree (scan/native/remove_tree.c) does it through folder handles as rm -rf does, on several
 * threads: a file system that discards freed blocks as it goes (ext4 `-o discard`) makes each unlink wait
 * for the disk, and the threads keep several such waits in flight where rm -rf waits for each; without it each
 * folder is read once with its entries' types, so a file costs one unlink: node's recursive rmSync asks
 * lstat of every entry and tries rmdir on a folder before reading it, which doubled the cost of a move's
 * last step. Paths are the bytes they are (names that are not UTF-8 included). Windows, and anything
 * unexpected (a folder that changed while being emptied), is left to rmSync, which reports or retries.
 */
import * as fs from 'node:fs'

import * as nfs from '../fs/fs-names'
import { fromErrno } from '../platform'
import { nativeAddon } from '../scan/native-scan'

const SLASH = Buffer.from('/')
const asBuffer = { withFileTypes: true, encoding: 'buffer' } as const

type NativeRemove = (p: string, threads: number) => number

/** Threads the native removal runs on: they mostly wait for the disk, so more than the cores. */
const REMOVE_THREADS = 8

const nativeRemove = (): NativeRemove | null => {
  const fn = nativeAddon().exports?.removeTree
  return typeof fn === 'function' ? (fn as NativeRemove) : null
}

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
      const native = nativeRemove()
      if (native) native(p, REMOVE_THREADS)
      else emptyAndRemove(Buffer.from(at))
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
