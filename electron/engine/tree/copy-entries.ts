/**
 * The acts of a copy, one entry at a time: a folder made 0700 (kept ours until the end), a file copied or
 * (clone) linked, a further name of a hard-link group linked to the group's first copy, a symbolic link
 * made with its text kept or rebased; then the folders' own modes and times, deepest first. Paths go to
 * node:fs through model/fs-names (fsPath), so names that are not UTF-8 are made with their own bytes.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { fsPath } from '../fs/fs-names'
import type { CopyNote, CopySummary } from './copy'
import type { FileCopies } from './copy-files'
import { absOf, type TreeEntry } from './list-tree'
import type { NativeCopy } from './native-copy'
import { relInside, relUnderAny } from './tree-paths'

/** Each hard-link group's first name in DST, and its names in SRC. */
export type CopyGroup = { made: string; rels: string[]; links: number }

export type CopyContext = {
  src: string
  dst: string
  srcRoots: readonly string[]
  clone: boolean
  notes: CopyNote[]
  summary: CopySummary
  groups: Map<string, CopyGroup>
  /** the native one-call copy (owner, mode and times kept from the open source), where the addon has it */
  copyFileKeep: NativeCopy | null
  /** files copied on the addon's threads, several at once; a group's further names are then linked after (links) */
  copies: FileCopies | null
  /** further names of groups whose first copy is still queued: (first copy, name) */
  links: [string, string][]
}

const amRoot = (): boolean => process.geteuid?.() === 0

/** The text a copied link stores, with a note when it leads outside SRC or was rebased. */
function linkText(e: TreeEntry, c: CopyContext): string {
  const target = e.target as string
  if (path.isAbsolute(target)) {
    const rel = relUnderAny(c.srcRoots, target)
    if (rel === null) {
      c.notes.push({ kind: 'absolute-outside', path: e.rel, target })
      return target
    }
    const newTarget = absOf(c.dst, rel)
    c.notes.push({ kind: 'rebased', path: e.rel, target, newTarget })
    return newTarget
  }
  if (relInside(c.src, path.resolve(path.dirname(absOf(c.src, e.rel)), target)) === null)
    c.notes.push({ kind: 'relative-outside', path: e.rel, target })
  return target
}

function keepOwner(p: string, e: TreeEntry): void {
  const uid = e.uid ?? 0
  const gid = e.gid ?? 0
  if (amRoot() && (uid !== 0 || gid !== 0)) fs.lchownSync(fsPath(p), uid, gid)
}

/** A complete listing has access times; without one the modification time stands in. */
const atimeOf = (e: TreeEntry): number => (e.atimeMs ?? e.mtimeMs) / 1000

function copyFile(e: TreeEntry, at: string, c: CopyContext): void {
  const group = e.links > 1 ? c.groups.get(e.id) : undefined
  if (group) {
    if (c.copies) c.links.push([group.made, at])
    else fs.linkSync(fsPath(group.made), fsPath(at))
    group.rels.push(e.rel)
    c.summary.hardLinks++
    return
  }
  const from = absOf(c.src, e.rel)
  if (c.clone) fs.linkSync(fsPath(from), fsPath(at))
  else if (c.copies) c.copies.add(from, at, e.size)
  else if (c.copyFileKeep) c.copyFileKeep(from, at)
  else {
    fs.copyFileSync(fsPath(from), fsPath(at), fs.constants.COPYFILE_EXCL) // mode kept (libuv fchmods the new file)
    keepOwner(at, e)
    fs.utimesSync(fsPath(at), atimeOf(e), e.mtimeMs / 1000)
  }
  if (e.links > 1) c.groups.set(e.id, { made: at, rels: [e.rel], links: e.links })
  c.summary.files++
  c.summary.bytes += e.size
}

/** Make DST's entry for SRC's entry `e` at `at`. */
export function copyEntry(e: TreeEntry, at: string, c: CopyContext): void {
  switch (e.kind) {
    case 'dir':
      fs.mkdirSync(fsPath(at), { mode: 0o700 })
      c.summary.dirs++
      break
    case 'file':
      copyFile(e, at, c)
      break
    case 'symlink':
      fs.symlinkSync(fsPath(linkText(e, c)), fsPath(at))
      keepOwner(at, e)
      fs.lutimesSync(fsPath(at), atimeOf(e), e.mtimeMs / 1000)
      c.summary.symlinks++
      break
    case 'other':
      c.notes.push({ kind: 'special-skipped', path: e.rel })
      break
  }
}

/** Give DST's folders SRC's owners, modes and times, deepest first; `onFolder` is told each before it is touched. */
export function finishFolders(entries: readonly TreeEntry[], dst: string, onFolder: (at: string) => void): void {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i] as TreeEntry
    if (e.kind !== 'dir') continue
    const at = absOf(dst, e.rel)
    onFolder(at)
    keepOwner(at, e)
    fs.chmodSync(fsPath(at), e.mode & 0o7777)
    fs.utimesSync(fsPath(at), atimeOf(e), e.mtimeMs / 1000)
  }
}
