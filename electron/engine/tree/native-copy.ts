/**
 * The native addon's one-call file copy (scan/native/copy_file.c): the source opened without following
 * a link, the copy made exclusively, bytes copied in the kernel, owner (as root), mode and both times
 * set on the open copy. Where it is missing (Windows, an addon not built) a copy uses node:fs and a
 * complete listing for owners and access times; with it, the addon's plain listing is enough for files,
 * and folders and links (a few in a tree) get their owners and access times here. The addon's one-pair
 * byte compare (scan/native/same_bytes.c) serves the check after a copy (a move's verify): one call per file.
 */
import * as fsn from '../fs/fs-names'
import { addonExport } from '../scan/native-scan'
import { absOf, type Tree } from './list-tree'

/** Copy `from` to the new file `to`; returns the bytes copied. Throws an Error with .code as node:fs does. */
export type NativeCopy = (from: string, to: string) => number

export const nativeCopy = (): NativeCopy | null => addonExport<NativeCopy>('copyFileKeep')

/** Whether two files (neither opened through a link) hold the same bytes. Throws as node:fs does. */
export type NativeSameBytes = (a: string, b: string) => boolean

export const nativeSameBytes = (): NativeSameBytes | null => addonExport<NativeSameBytes>('sameFileBytes')

/** Give the folders and links of a plain listing their owners and access times (lstat each). */
export function completeFoldersAndLinks(tree: Tree): void {
  for (const e of tree.entries) {
    if ((e.kind !== 'dir' && e.kind !== 'symlink') || e.atimeMs !== undefined) continue
    const st = fsn.lstatSync(absOf(tree.root, e.rel))
    e.uid = st.uid
    e.gid = st.gid
    e.atimeMs = st.atimeMs
  }
}
