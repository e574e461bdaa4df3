/**
 * The search chained on the addon's threads (Linux, native/find_dupes.c): the walk's records of plain
 * files go straight into a table in C; there the names are grouped by size, folded by file, and hashed
 * step by step (small files whole; large ones by head, tail, then whole) with no hand-over to
 * JavaScript between steps. JavaScript gets the groups of each class (small files', then large ones'),
 * and makes objects for their files only. The steps, checks and digests are the ones find.ts makes
 * (and the same order of files and names), so either way gives the same groups.
 */
import { LinkError } from '../../../shared/errors'
import { platform } from '../platform'
import { addonExport, REC } from '../scan/native-scan'
import { walkRoots } from './enumerate'
import { HASH_NAME, HEAD_BYTES, TAIL_FROM } from './hash'
import { unreadError } from './native-hash'
import type { DupeFile, DupeGroup, FindProgress } from './types'
import type { FileSink } from './walk-files'

type Table = { readonly dupesTable: unique symbol }
type Answer = {
  count: number
  groups: Float64Array
  hashes: string
  files: Float64Array
  paths: string
  errors: Float64Array
  errorPaths: string
  cancelled: boolean
}
type NativeDupes = {
  dupesFiles(): Table
  /** the count of records it left (not plain files, nor R_ENTRY of another kind) */
  dupesAddDrain(t: Table, recs: Float64Array, paths: string, root: number): number
  dupesAdd(t: Table, p: string, dev: number, ino: number, links: number, size: number, root: number): void
  dupesFind(
    t: Table,
    minSize: number,
    several: number,
    large: number,
    perDevice: number,
    headBytes: number,
    tailFrom: number,
  ): Promise<Answer>
  dupesProgress(t: Table): Float64Array
  dupesCancel(t: Table): void
}

/** Numbers a file in an answer (find_dupes.c FILE_OUT). */
const FILE_OUT = 10
const PROGRESS_MS = 100

export const searchCancelled = (): LinkError => new LinkError('CANCELLED', 'The search for duplicates was cancelled.')

const FUNCTIONS = ['dupesFiles', 'dupesAddDrain', 'dupesAdd', 'dupesFind', 'dupesProgress', 'dupesCancel'] as const

/** The addon's chained search, or null (not Linux, not built, an older build, or LINKSCOPE_SCAN_NATIVE=0). */
export function nativeDupes(): NativeDupes | null {
  if (platform().kind !== 'posix') return null
  const fns = FUNCTIONS.map((name) => addonExport<NativeDupes[typeof name]>(name))
  if (fns.some((f) => f === null)) return null
  return Object.fromEntries(FUNCTIONS.map((name, i) => [name, fns[i]])) as NativeDupes
}

/** The walk's names kept in the addon's table. */
class NativeFiles implements FileSink {
  length = 0
  constructor(
    private readonly n: NativeDupes,
    readonly table: Table,
  ) {}

  addDrain(recs: Float64Array, paths: string, root: number): boolean {
    const left = this.n.dupesAddDrain(this.table, recs, paths, root)
    this.length += recs.length / REC - left
    return left > 0
  }

  addPath(p: string, id: string, links: number, size: number, root: number): void {
    const colon = id.indexOf(':')
    this.n.dupesAdd(this.table, p, Number(id.slice(0, colon)), Number(id.slice(colon + 1)), links, size, root)
    this.length++
  }
}

/** An answer's groups as objects. */
function groupsOf(a: Answer): DupeGroup[] {
  const paths = a.paths.split('\0')
  const { files: nums, groups: sizes } = a
  const groups: DupeGroup[] = []
  for (let g = 0, f = 0, p = 0; g < sizes.length / 2; g++) {
    const files: DupeFile[] = []
    const size = sizes[2 * g] as number
    for (let end = f + FILE_OUT * (sizes[2 * g + 1] as number); f < end; f += FILE_OUT) {
      const dev = nums[f] as number
      const names = nums[f + 9] as number
      const file: DupeFile = {
        id: `${dev}:${nums[f + 1]}`,
        dev,
        size,
        links: nums[f + 2] as number,
        paths: paths.slice(p, p + names),
        root: nums[f + 3] as number,
        mtimeMs: nums[f + 4] as number,
        mode: nums[f + 5] as number,
        uid: nums[f + 6] as number,
        gid: nums[f + 7] as number,
      }
      if (nums[f + 8] === 1) file.noXattrs = true
      p += names
      files.push(file)
    }
    groups.push({ size, hash: `${HASH_NAME}:${a.hashes.slice(32 * g, 32 * g + 32)}`, files })
  }
  return groups
}

export type ChainedHooks = {
  signal?: AbortSignal
  minSize: number
  perDevice: number
  progress: FindProgress
  /** tell the caller's onProgress (force: now, whatever the interval) */
  tell: (force?: boolean) => void
  onGroups?: (groups: DupeGroup[]) => void
}

/** Groups of duplicates under the roots, small files' groups first (unsorted), with the files seen and errors. */
export async function findChained(
  n: NativeDupes,
  roots: readonly string[],
  hooks: ChainedHooks,
): Promise<{ groups: DupeGroup[]; files: number; errors: { path: string; code: string; message: string }[] }> {
  const { signal, progress, tell } = hooks
  const sink = new NativeFiles(n, n.dupesFiles())
  const errors: { path: string; code: string; message: string }[] = []
  const walked = await walkRoots(roots, sink, errors, signal, (count) => {
    progress.files = count
    tell()
  })
  if (!walked || signal?.aborted) throw searchCancelled()
  progress.phase = 'hash'
  const update = (): void => {
    const [bytes, candidates] = n.dupesProgress(sink.table)
    progress.bytesHashed = bytes as number
    progress.candidates = candidates as number
  }
  const onAbort = (): void => n.dupesCancel(sink.table)
  signal?.addEventListener('abort', onAbort)
  const timer = setInterval(() => {
    update()
    tell()
  }, PROGRESS_MS)
  try {
    const groups: DupeGroup[] = []
    let files = 0
    for (const large of [0, 1]) {
      const a = await n.dupesFind(
        sink.table,
        hooks.minSize,
        roots.length > 1 ? 1 : 0,
        large,
        hooks.perDevice,
        HEAD_BYTES,
        TAIL_FROM,
      )
      if (a.cancelled || signal?.aborted) throw searchCancelled()
      files = a.count
      const paths = a.errorPaths.split('\0')
      a.errors.forEach((errno, i) => errors.push(unreadError(paths[i] as string, errno)))
      const found = groupsOf(a)
      update()
      tell(true)
      if (found.length > 0) hooks.onGroups?.(found)
      groups.push(...found)
    }
    return { groups, files, errors }
  } finally {
    clearInterval(timer)
    signal?.removeEventListener('abort', onAbort)
  }
}
