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
import { errnoCode, fromErrno } from '../platform/posix/errno'
import { absOf, listTree, requireTreeRoot, type TreeEntry } from './list-tree'
import { Pacer } from './pacer'
import { relInside, relUnderAny, rootForms } from './tree-paths'

export type CopyOptions = {
  hardlinkClone?: boolean
  signal?: AbortSignal
  /** called as files are done, at most every PROGRESS_MS, and once at the end */
  onProgress?(p: CopyProgress): void
}

/** files: names made (copies and extra hard-link names); bytes: copied, each file once */
export type CopyProgress = { files: number; bytes: number; totalFiles: number; totalBytes: number }

/** What the copy could not keep as it was, or chose not to: reported, never silent. */
export type CopyNote =
  /** a file with names outside SRC: those names are not copied, and DST's copy is a separate file */
  | { kind: 'outside-names'; path: string; paths: string[]; links: number }
  /** a link whose text leads outside SRC: kept as it was, so DST's link leads to the same place */
  | { kind: 'absolute-outside' | 'relative-outside'; path: string; target: string }
  /** an absolute link into SRC, pointed at the same place in DST */
  | { kind: 'rebased'; path: string; target: string; newTarget: string }
  /** a device, FIFO or socket: not copied */
  | { kind: 'special-skipped'; path: string }

export type CopySummary = {
  src: string
  dst: string
  mode: 'copy' | 'hardlink-clone'
  dirs: number
  /** files made: copied, or (clone) linked to SRC's */
  files: number
  bytes: number
  /** extra names made for hard-link groups inside SRC */
  hardLinks: number
  symlinks: number
  rebased: number
  notes: number
  ms: number
}

export type CopyResult = { summary: CopySummary; notes: CopyNote[] }

const PROGRESS_MS = 100
const amRoot = (): boolean => process.geteuid?.() === 0

/** DST must not exist and its parent must be a folder outside SRC; for a clone, on SRC's device. */
function checkDestination(src: string, dst: string, srcDev: number, clone: boolean): void {
  if (fs.existsSync(dst) || isLink(dst)) throw new LinkError('ALREADY_EXISTS', `${dst} already exists; a copy goes to a new folder and never overwrites. Choose a name that does not exist yet.`, dst)
  const parent = path.dirname(dst)
  let pst: fs.Stats
  try { pst = fs.statSync(parent) } catch (e) { throw fromErrno(e, parent) }
  if (!pst.isDirectory()) throw new LinkError('NOT_A_DIRECTORY', `${parent} is not a folder.`, parent)
  const realDst = path.join(fs.realpathSync.native(parent), path.basename(dst))
  if (relUnderAny(rootForms(src), realDst) !== null) throw new LinkError('INVALID_ARGUMENT', `${dst} is inside ${src}; a tree cannot be copied into itself.`, dst)
  if (clone && pst.dev !== srcDev) {
    throw new LinkError('CROSS_DEVICE', `${dst} is on another device than ${src}; hard links cannot cross devices, so a hard-link clone must stay on ${src}'s device. Copy without --hardlink-clone instead.`, dst)
  }
}

function isLink(p: string): boolean {
  try { return fs.lstatSync(p).isSymbolicLink() } catch { return false }
}

/** The text a copied link stores, with a note when it leads outside SRC or was rebased. */
function linkText(e: TreeEntry, src: string, srcRoots: readonly string[], dst: string, notes: CopyNote[]): string {
  const target = e.target as string
  if (path.isAbsolute(target)) {
    const rel = relUnderAny(srcRoots, target)
    if (rel === null) { notes.push({ kind: 'absolute-outside', path: e.rel, target }); return target }
    const newTarget = absOf(dst, rel)
    notes.push({ kind: 'rebased', path: e.rel, target, newTarget })
    return newTarget
  }
  if (relInside(src, path.resolve(path.dirname(absOf(src, e.rel)), target)) === null) notes.push({ kind: 'relative-outside', path: e.rel, target })
  return target
}

function keepOwner(p: string, e: TreeEntry): void {
  const uid = e.uid ?? 0
  const gid = e.gid ?? 0
  if (amRoot() && (uid !== 0 || gid !== 0)) fs.lchownSync(p, uid, gid)
}

/** A complete listing has access times; without one the modification time stands in. */
const atimeOf = (e: TreeEntry): number => (e.atimeMs ?? e.mtimeMs) / 1000

export async function copyTree(srcIn: string, dstIn: string, opts: CopyOptions = {}): Promise<CopyResult> {
  const started = performance.now()
  const src = path.resolve(srcIn)
  const dst = path.resolve(dstIn)
  const clone = opts.hardlinkClone === true
  const srcSt = requireTreeRoot(src)
  checkDestination(src, dst, srcSt.dev, clone)
  const pacer = new Pacer(opts.signal, `The copy of ${src}`)
  const tree = await listTree(src, { signal: opts.signal, complete: true })
  const first = tree.problems[0]
  if (first) {
    throw new LinkError(first.code,
      `${tree.problems.length} entr${tree.problems.length === 1 ? 'y' : 'ies'} under ${src} cannot be read, so the copy would be incomplete; nothing was copied. First: ${first.message}`, absOf(src, first.rel))
  }
  const totalFiles = tree.entries.filter((e) => e.kind === 'file').length
  // Bytes count each file once: a group's other names are links, not copies.
  const counted = new Set<string>()
  let totalBytes = 0
  for (const e of tree.entries) {
    if (e.kind !== 'file' || (e.links > 1 && counted.has(e.id))) continue
    if (e.links > 1) counted.add(e.id)
    totalBytes += e.size
  }

  try {
    fs.mkdirSync(dst, { mode: 0o700 })
  } catch (e) {
    throw fromErrno(e, dst)
  }
  const notes: CopyNote[] = []
  const summary: CopySummary = { src, dst, mode: clone ? 'hardlink-clone' : 'copy', dirs: 0, files: 0, bytes: 0, hardLinks: 0, symlinks: 0, rebased: 0, notes: 0, ms: 0 }
  /** each hard-link group's first name in DST, and how many of its names SRC holds */
  const groups = new Map<string, { made: string; rels: string[]; links: number }>()
  const srcRoots = rootForms(src)
  let lastProgress = 0
  const progress = (force: boolean): void => {
    if (!opts.onProgress) return
    const now = performance.now()
    if (!force && now - lastProgress < PROGRESS_MS) return
    lastProgress = now
    opts.onProgress({ files: summary.files + summary.hardLinks, bytes: summary.bytes, totalFiles, totalBytes })
  }

  let at = ''
  try {
    for (const e of tree.entries) {
      if (pacer.due()) await pacer.pause()
      if (e.rel === '') continue
      at = absOf(dst, e.rel)
      const from = absOf(src, e.rel)
      switch (e.kind) {
        case 'dir':
          fs.mkdirSync(at, { mode: 0o700 })
          summary.dirs++
          break
        case 'file': {
          const group = e.links > 1 ? groups.get(e.id) : undefined
          if (group) {
            fs.linkSync(group.made, at)
            group.rels.push(e.rel)
            summary.hardLinks++
          } else {
            if (clone) fs.linkSync(from, at)
            else {
              fs.copyFileSync(from, at, fs.constants.COPYFILE_EXCL) // mode kept (libuv fchmods the new file)
              keepOwner(at, e)
              fs.utimesSync(at, atimeOf(e), e.mtimeMs / 1000)
            }
            if (e.links > 1) groups.set(e.id, { made: at, rels: [e.rel], links: e.links })
            summary.files++
            summary.bytes += e.size
          }
          progress(false)
          break
        }
        case 'symlink': {
          fs.symlinkSync(linkText(e, src, srcRoots, dst, notes), at)
          keepOwner(at, e)
          fs.lutimesSync(at, atimeOf(e), e.mtimeMs / 1000)
          summary.symlinks++
          break
        }
        case 'other':
          notes.push({ kind: 'special-skipped', path: e.rel })
          break
      }
    }
    // Folders last, deepest first: adding entries changed their times, and 0700 kept them ours until now.
    at = dst
    for (let i = tree.entries.length - 1; i >= 0; i--) {
      const e = tree.entries[i] as TreeEntry
      if (e.kind !== 'dir') continue
      at = absOf(dst, e.rel)
      keepOwner(at, e)
      fs.chmodSync(at, e.mode & 0o7777)
      fs.utimesSync(at, atimeOf(e), e.mtimeMs / 1000)
    }
  } catch (e) {
    removePartial(dst)
    if (e instanceof LinkError) throw e
    if (clone && errnoCode(e) === 'EXDEV') {
      throw new LinkError('CROSS_DEVICE', `${at} would be a hard link to a file on another device (a mount inside ${src}); hard links cannot cross devices. Nothing was kept: ${dst} was removed.`, at)
    }
    const le = fromErrno(e, at)
    throw new LinkError(le.code, `${le.message} The copy stopped and ${dst} was removed.`, at)
  }
  for (const [, g] of groups) {
    if (g.rels.length < g.links) notes.push({ kind: 'outside-names', path: g.rels[0] as string, paths: g.rels, links: g.links })
  }
  summary.rebased = notes.filter((n) => n.kind === 'rebased').length
  summary.notes = notes.length
  summary.ms = Math.round(performance.now() - started)
  progress(true)
  return { summary, notes }
}

/** Remove what this copy made. DST was new and closed to others (0700), so all of it is ours. */
function removePartial(dst: string): void {
  try {
    fs.chmodSync(dst, 0o700)
    fs.rmSync(dst, { recursive: true, force: true })
  } catch { /* the error that brought us here says more; what is left is under the new folder only */ }
}
