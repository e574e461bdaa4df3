/**
 * After the copy, the links inside it that would lead somewhere else from the new place are given the
 * text that leads where the original's led: a relative link out of the folder is recomputed from the
 * folder's final place, and an absolute link into the folder names the final place (the tree copy rebases
 * it to the copy's path, which for a move-back is a temporary name). Returns the text each such link now
 * stores, for the verify.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import * as nfs from '../fs/fs-names'
import { fromErrno } from '../platform'
import type { CopyNote } from '../tree/copy'
import { absOf } from '../tree/list-tree'
import { relInside } from '../tree/tree-paths'

function setText(linkPath: string, text: string): void {
  try {
    const st = nfs.lstatSync(linkPath)
    nfs.unlinkSync(linkPath)
    nfs.symlinkSync(text, linkPath)
    // the folder is ours and closed to others until the swap: a path call cannot be redirected here
    fs.lutimesSync(nfs.fsPath(linkPath), st.atime, st.mtime)
  } catch (e) {
    throw fromErrno(e, linkPath)
  }
}

/**
 * `data`: the folder copied; `copy`: where the copy is now; `final`: where it will be named after the
 * swap (the copy's own path for a move, the link's path for a move-back).
 */
export function fixLinkTexts(
  notes: readonly CopyNote[],
  data: string,
  copy: string,
  final: string,
): Map<string, string> {
  const texts = new Map<string, string>()
  for (const n of notes) {
    if (n.kind === 'relative-outside') {
      const leadsTo = path.resolve(path.dirname(absOf(data, n.path)), n.target)
      const text = path.relative(path.dirname(absOf(final, n.path)), leadsTo) || '.'
      if (text !== n.target) setText(absOf(copy, n.path), text)
      texts.set(n.path, text)
    } else if (n.kind === 'rebased') {
      const rel = relInside(copy, n.newTarget)
      const text = rel === null || final === copy ? n.newTarget : absOf(final, rel)
      if (text !== n.newTarget) setText(absOf(copy, n.path), text)
      texts.set(n.path, text)
    }
  }
  return texts
}
