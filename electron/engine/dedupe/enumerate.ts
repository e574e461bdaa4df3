/**
 * Every regular file under the roots, through the scanner's walk (the addon's threads where it is
 * built, walk-files.ts; else the scan's walk), grouped by size: only files that share their size with
 * another file can have a duplicate, and only those become objects with paths. Names of one file are
 * one file; a root named twice, or inside another root, adds no name twice.
 */
import * as fs from 'node:fs'

import { LinkError } from '../../../shared/errors'
import * as nfs from '../fs/fs-names'
import { pathApi } from '../listing/paths'
import { fromErrno, platform } from '../platform'
import { nativeScan } from '../scan/native-scan'
import { forEachMulti } from '../scan/scan-protocol'
import { nativeThreadCount, walkTree } from '../scan/walk-tree'
import { idAt } from './relink'
import { FileColumns, type FileSink, walkFiles } from './walk-files'

export type Named = { id: string; ino: number; size: number; links: number; paths: string[]; root: number }

export type Enumerated = {
  /** files of one size (at least minSize), two distinct files or more a group */
  sized: Named[][]
  /** distinct files seen (of any size) */
  files: number
  errors: { path: string; code: string; message: string }[]
  cancelled: boolean
}

type Errors = Enumerated['errors']

/** One root's files into `cols`: false when cancelled. */
async function walkRoot(
  abs: string,
  st: fs.Stats,
  r: number,
  cols: FileSink,
  errors: Errors,
  signal: AbortSignal,
  onFiles?: (count: number) => void,
): Promise<boolean> {
  const native = platform().kind === 'posix' ? nativeScan() : null
  if (native) {
    const hooks = { signal, onFiles, onErrors: (e: Errors) => errors.push(...e) }
    return (await walkFiles(native, abs, st.dev, st.ino, r, nativeThreadCount(), cols, hooks)) !== 'cancelled'
  }
  const walk = walkTree(
    abs,
    `${st.dev}:${st.ino}`,
    { mode: 'scan', broken: false, statFiles: true, everyFile: true, device: st.dev },
    {
      signal,
      onResult(res) {
        forEachMulti(res.multi, (p, id, links, size) => cols.addPath(p, id, links, size, r))
        errors.push(...res.errors)
        onFiles?.(cols.length)
      },
    },
  )
  return (await walk.done) !== 'cancelled'
}

/** The names at `names[from..to)` (one size, names of one file together) as files; `several`: a name may repeat. */
function filesOf(cols: FileColumns, names: number[], from: number, to: number, several: boolean): Named[] {
  const files: Named[] = []
  let last: Named | undefined
  for (let k = from; k < to; k++) {
    const i = names[k] as number
    if (last && cols.compareIds(names[k - 1] as number, i) === 0) {
      last.links = Math.max(last.links, cols.links[i] as number)
      const p = cols.path(i)
      if (!several || !last.paths.includes(p)) last.paths.push(p)
      continue
    }
    const id = cols.id(i)
    last = {
      id,
      ino: cols.ino[i] as number,
      size: cols.size[i] as number,
      links: cols.links[i] as number,
      paths: [cols.path(i)],
      root: cols.root[i] as number,
    }
    files.push(last)
  }
  return files
}

/**
 * The names in `cols` grouped by size, and within a size by file: sorted, not hashed into maps, and with
 * no object or path made for a size that holds fewer than two files (or is below minSize).
 */
function sizeGroups(cols: FileColumns, minSize: number, several: boolean): { sized: Named[][]; files: number } {
  const count = new Map<number, number>()
  for (const s of cols.size) count.set(s, (count.get(s) ?? 0) + 1)
  const shared: number[] = []
  let files = 0
  for (let i = 0; i < cols.length; i++) {
    if ((count.get(cols.size[i] as number) as number) > 1) shared.push(i)
    else files++ // a size of its own: one name of one file
  }
  shared.sort((a, b) => (cols.size[a] as number) - (cols.size[b] as number) || cols.compareIds(a, b))
  const sized: Named[][] = []
  for (let from = 0; from < shared.length;) {
    const size = cols.size[shared[from] as number] as number
    let to = from + 1
    let distinct = 1
    for (; to < shared.length && cols.size[shared[to] as number] === size; to++)
      if (cols.compareIds(shared[to - 1] as number, shared[to] as number) !== 0) distinct++
    files += distinct
    if (distinct > 1 && size >= minSize) sized.push(filesOf(cols, shared, from, to, several))
    from = to
  }
  return { sized, files }
}

/** Every root's regular files into `cols` (a root that is a file is a candidate of its own): false when cancelled. */
export async function walkRoots(
  roots: readonly string[],
  cols: FileSink,
  errors: Errors,
  signal: AbortSignal | undefined,
  onFiles?: (count: number) => void,
): Promise<boolean> {
  const never = new AbortController().signal
  for (let r = 0; r < roots.length; r++) {
    const abs = pathApi().resolve(roots[r] as string)
    let st: fs.Stats
    try {
      st = nfs.statSync(abs)
    } catch (e) {
      throw fromErrno(e, abs)
    }
    if (st.isFile()) {
      // a file named on the command line is a candidate of its own
      cols.addPath(abs, idAt(abs, st), st.nlink, st.size, r)
      continue
    }
    if (!st.isDirectory())
      throw new LinkError('INVALID_ARGUMENT', `${abs} is neither a folder nor a regular file.`, abs)
    if (!(await walkRoot(abs, st, r, cols, errors, signal ?? never, onFiles))) return false
  }
  return true
}

export async function enumerateFiles(
  roots: readonly string[],
  minSize: number,
  signal: AbortSignal | undefined,
  onFiles?: (count: number) => void,
): Promise<Enumerated> {
  const cols = new FileColumns()
  const errors: Errors = []
  if (!(await walkRoots(roots, cols, errors, signal, onFiles))) return { sized: [], files: 0, errors, cancelled: true }
  return { ...sizeGroups(cols, minSize, roots.length > 1), errors, cancelled: false }
}
