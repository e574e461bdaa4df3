/**
 * Copy a folder tree with its link structure intact (LSE's Smart Copy): each hard-link group inside SRC
 * is copied once and its other names made hard links to the copy; symbolic links stay links (relative text
 * unchanged, absolute text into SRC rebased into DST, any other kept and reported); modes and times kept
 * (owners too when run as root). With `hardlinkClone`, files are not copied: DST is a tree of new folders
 * whose files are hard links to SRC's (LSE's Clone), which only works on SRC's own device.
 *
 * Nothing is overwritten: DST must not exist (its parent must), and is made with mkdir, which fails
 * rather than reuse a folder; every file in it is created exclusively. While the copy runs DST and its
 * folders are mode 0700, so nobody else can put or swap anything inside; that is why plain path calls are
 * safe here, where acts in shared folders go through the platform's handle-based operations. A cancel or
 * a failure removes DST, which holds only what this copy made.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'

import { LinkError } from '../../../shared/errors'
import type { CopyNote, CopyProgress, CopyResult, CopySummary } from '../../../shared/types/trees'
import { fsPath } from '../fs/fs-names'
import { errnoCode, fromErrno } from '../platform'
import { checkDestination, removePartial } from './copy-destination'
import { type CopyContext, copyEntry, finishFolders } from './copy-entries'
import { fileCopies } from './copy-files'
import { absOf, listTree, requireTreeRoot, type Tree, type TreeEntry } from './list-tree'
import { completeFoldersAndLinks, nativeCopy } from './native-copy'
import { Pacer } from './pacer'
import { rootForms } from './tree-paths'

export type CopyOptions = {
  hardlinkClone?: boolean
  /** a plain listing of SRC just made (a move's preflight), so SRC is not listed again */
  listed?: Tree
  signal?: AbortSignal
  /** called as files are done, at most every PROGRESS_MS, and once at the end */
  onProgress?(p: CopyProgress): void
}

export type { CopyNote, CopyProgress, CopyResult, CopySummary } from '../../../shared/types/trees'

const PROGRESS_MS = 100

/** Files and bytes to copy: bytes count each file once, since a group's other names are links, not copies. */
function totalsOf(entries: readonly TreeEntry[]): { totalFiles: number; totalBytes: number } {
  const counted = new Set<string>()
  let totalFiles = 0
  let totalBytes = 0
  for (const e of entries) {
    if (e.kind !== 'file') continue
    totalFiles++
    if (e.links > 1 && counted.has(e.id)) continue
    if (e.links > 1) counted.add(e.id)
    totalBytes += e.size
  }
  return { totalFiles, totalBytes }
}

/** What a copy that stopped at `at` throws, once DST is removed. */
function failure(e: unknown, at: string, src: string, dst: string, clone: boolean): LinkError {
  if (e instanceof LinkError) return e
  if (clone && errnoCode(e) === 'EXDEV') {
    return new LinkError(
      'CROSS_DEVICE',
      `${at} would be a hard link to a file on another device (a mount inside ${src}); hard links cannot cross devices. Nothing was kept: ${dst} was removed.`,
      at,
    )
  }
  const le = fromErrno(e, at)
  return new LinkError(le.code, `${le.message} The copy stopped and ${dst} was removed.`, at)
}

/**
 * SRC's entries: node:fs's complete listing, or with the native copy (which keeps each file's owner and
 * access time itself) the addon's plain one, given or made, with its folders and links completed.
 */
async function listing(src: string, nativeCopies: boolean, opts: CopyOptions): Promise<Tree> {
  if (!nativeCopies) return listTree(src, { signal: opts.signal, complete: true })
  const tree = opts.listed?.root === src ? opts.listed : await listTree(src, { signal: opts.signal })
  try {
    completeFoldersAndLinks(tree)
  } catch (e) {
    throw fromErrno(e, src)
  }
  return tree
}

/** Make every entry of SRC in DST, then the further names of groups whose copies were queued, then the folders' times. */
async function copyAll(
  entries: readonly TreeEntry[],
  c: CopyContext,
  pacer: Pacer,
  at: (where: string) => void,
  progress: (force: boolean) => void,
): Promise<void> {
  for (const e of entries) {
    if (pacer.due()) await pacer.pause()
    if (c.copies?.full()) await c.copies.room(pacer)
    if (e.rel === '') continue
    const to = absOf(c.dst, e.rel)
    at(to)
    copyEntry(e, to, c)
    if (e.kind === 'file') progress(false)
  }
  await c.copies?.finish(pacer)
  for (const [made, name] of c.links) {
    at(name)
    fs.linkSync(fsPath(made), fsPath(name))
  }
  // Folders last, deepest first: adding entries changed their times, and 0700 kept them ours until now.
  finishFolders(entries, c.dst, at)
}

export async function copyTree(srcIn: string, dstIn: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const started = performance.now()
  const src = path.resolve(srcIn)
  const dst = path.resolve(dstIn)
  const clone = opts.hardlinkClone === true
  const srcSt = requireTreeRoot(src)
  checkDestination(src, dst, srcSt.dev, clone)
  const pacer = new Pacer(opts.signal, `The copy of ${src}`)
  const copyFileKeep = clone ? null : nativeCopy()
  const tree = await listing(src, copyFileKeep !== null, opts)
  const first = tree.problems[0]
  if (first) {
    throw new LinkError(
      first.code,
      `${tree.problems.length} entr${tree.problems.length === 1 ? 'y' : 'ies'} under ${src} cannot be read, so the copy would be incomplete; nothing was copied. First: ${first.message}`,
      absOf(src, first.rel),
    )
  }
  const { totalFiles, totalBytes } = totalsOf(tree.entries)
  try {
    fs.mkdirSync(fsPath(dst), { mode: 0o700 })
  } catch (e) {
    throw fromErrno(e, dst)
  }
  const notes: CopyNote[] = []
  const summary: CopySummary = {
    src,
    dst,
    mode: clone ? 'hardlink-clone' : 'copy',
    dirs: 0,
    files: 0,
    bytes: 0,
    hardLinks: 0,
    symlinks: 0,
    rebased: 0,
    notes: 0,
    ms: 0,
  }
  const c: CopyContext = {
    src,
    dst,
    srcRoots: rootForms(src),
    clone,
    notes,
    summary,
    groups: new Map(),
    copyFileKeep,
    copies: fileCopies(copyFileKeep, (to) => (at = to)),
    links: [],
  }
  let at = ''
  let lastProgress = 0
  const progress = (force: boolean): void => {
    if (!opts.onProgress) return
    const now = performance.now()
    if (!force && now - lastProgress < PROGRESS_MS) return
    lastProgress = now
    opts.onProgress({ files: summary.files + summary.hardLinks, bytes: summary.bytes, totalFiles, totalBytes })
  }

  try {
    await copyAll(tree.entries, c, pacer, (where) => (at = where), progress)
  } catch (e) {
    await c.copies?.settle() // nothing copying into DST while it is removed
    removePartial(dst)
    throw failure(e, at, src, dst, clone)
  }
  for (const [, g] of c.groups) {
    if (g.rels.length < g.links)
      notes.push({ kind: 'outside-names', path: g.rels[0] as string, paths: g.rels, links: g.links })
  }
  summary.rebased = notes.filter((n) => n.kind === 'rebased').length
  summary.notes = notes.length
  summary.ms = Math.round(performance.now() - started)
  progress(true)
  return { summary, notes }
}
