/**
 * Groups of distinct files with identical content under the roots. Cheap steps first, so most files
 * are ruled out before their data is read: sizes (from the walk), then the names of one file folded
 * into one (a file is never its own duplicate), then for small files a hash of the whole (one read),
 * for larger ones a hash of the first block, of the last block, and last of the whole file. Every step reopens the file and drops it when its id, size
 * or mtime moved since the first look: a file being written is no duplicate of anything yet.
 */
import * as fs from 'node:fs'

import type { IHasher } from 'hash-wasm'

import { fsPath } from '../fs/fs-names'
import { nativeAt } from '../platform'
import { forEachPerDevice } from './bounded'
import { enumerateFiles, type Named } from './enumerate'
import { findChained, nativeDupes, searchCancelled } from './find-native'
import { close, fstat, HASH_NAME, hashRange, hashSmallSync, HEAD_BYTES, openRead, syncHasher, TAIL_FROM } from './hash'
import { type Hashed, hashStepNative, nativeHashFiles } from './native-hash'
import { idAt } from './relink'
import type { DupeFile, DupeGroup, FindProgress, Follow } from './types'

/** Reads in flight on one device: a few keep an SSD's queue busy without thrashing a disk's head. */
const READS_PER_DEVICE = 4
const PROGRESS_MS = 100

export type FindOptions = Follow<FindProgress> & {
  minSize?: number
  /** groups as they are settled, before the search ends (small files' groups come before large ones') */
  onGroups?: (groups: DupeGroup[]) => void
}
export type FindResult = {
  groups: DupeGroup[]
  files: number
  errors: { path: string; code: string; message: string }[]
}

/** A file in the running: `hash`, of the range the last step read ('' until then); `gone`, out of the running. */
type Candidate = Hashed & { gone: boolean }

/** Open one name of the file read-only, never through a link, and check it is still the file first seen. */
async function openSame(file: DupeFile): Promise<number | null> {
  for (const p of file.paths) {
    let fd: number
    try {
      fd = await openRead(fsPath(p), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
    } catch {
      continue
    }
    if (isSame(file, await fstat(fd), p)) return fd
    await close(fd)
    return null
  }
  return null
}

/**
 * Each group whose files were just hashed split by that hash: candidates of different groups can never be
 * equal, so only small maps of plain hashes are made. A file alone, or out of the running, leaves.
 */
function regroup(groups: Candidate[][], hashed: (g: Candidate[]) => boolean): Candidate[][] {
  const out: Candidate[][] = []
  for (const g of groups) {
    if (!hashed(g)) {
      out.push(g)
      continue
    }
    const by = new Map<string, Candidate[]>()
    for (const c of g) {
      if (c.gone || c.hash === '') continue
      const same = by.get(c.hash)
      if (same) same.push(c)
      else by.set(c.hash, [c])
    }
    for (const same of by.values()) if (same.length > 1) out.push(same)
  }
  return out
}

/**
 * Small files hashed whole, one synchronous read each (hash.ts says why); a file that is no longer the one
 * first seen, or is written while read, leaves the running.
 */
function smallFilesWhole(
  groups: Candidate[][],
  h: IHasher,
  signal: AbortSignal | undefined,
  counted: (n: number) => void,
  errors: FindResult['errors'],
): void {
  const buf = Buffer.allocUnsafe(TAIL_FROM)
  for (const c of groups.flat()) {
    if (c.file.size > TAIL_FROM) continue
    if (signal?.aborted) return
    const fd = openSameSync(c.file)
    if (fd === null) {
      c.gone = true
      continue
    }
    try {
      c.hash = hashSmallSync(h, fd, c.file.size, buf)
      counted(c.file.size)
      if (mtimeOf(fd) !== c.file.mtimeMs) c.gone = true
    } catch (e) {
      c.gone = true
      const p = c.file.paths[0] as string
      errors.push({
        path: p,
        code: 'UNKNOWN',
        message: `${p} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      })
    } finally {
      fs.closeSync(fd)
    }
  }
}

/**
 * The mtime of the open file: through the native addon where there is one (no fs.Stats with its four
 * Date objects, for each of thousands of small files), else node's fstat; both compute it alike.
 */
function mtimeOf(fd: number): number {
  const at = nativeAt()
  return at ? at.atFstat(fd).mtimeMs : fs.fstatSync(fd).mtimeMs
}

function openSameSync(file: DupeFile): number | null {
  for (const p of file.paths) {
    let fd: number
    try {
      fd = fs.openSync(fsPath(p), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
    } catch {
      continue
    }
    if (isSame(file, fs.fstatSync(fd), p)) return fd
    fs.closeSync(fd)
    return null
  }
  return null
}

/** Still the file first seen (same id, size, and mtime once known); the first look records mtime, mode and owner. */
function isSame(file: DupeFile, st: fs.Stats, p: string): boolean {
  if (
    !st.isFile() ||
    idAt(p, st) !== file.id ||
    st.size !== file.size ||
    (file.mtimeMs >= 0 && st.mtimeMs !== file.mtimeMs)
  )
    return false
  if (file.mtimeMs < 0) Object.assign(file, { mtimeMs: st.mtimeMs, mode: st.mode, uid: st.uid, gid: st.gid })
  return true
}

/** Each size group's files as candidates. */
function candidatesOf(sized: Named[][]): Candidate[][] {
  return sized.map((named) =>
    named.map((n) => ({
      hash: '',
      gone: false,
      ino: n.ino,
      file: {
        id: n.id,
        dev: Number(n.id.slice(0, n.id.indexOf(':'))),
        size: n.size,
        links: n.links,
        paths: n.paths,
        root: n.root,
        mtimeMs: -1,
        mode: 0,
        uid: 0,
        gid: 0,
      },
    })),
  )
}

/** The order a search answers groups in: largest first, then by hash. */
const bySizeThenHash = (a: DupeGroup, b: DupeGroup): number => b.size - a.size || (a.hash < b.hash ? -1 : 1)

function toGroup(g: Candidate[]): DupeGroup {
  const first = g[0] as Candidate
  return {
    size: first.file.size,
    hash: `${HASH_NAME}:${first.hash}`,
    files: g.map((c) => c.file),
  }
}

export async function findDuplicates(roots: readonly string[], options: FindOptions = {}): Promise<FindResult> {
  const { signal, onProgress } = options
  const minSize = Math.max(1, options.minSize ?? 1) // empty files are all alike and free nothing
  const progress: FindProgress = { phase: 'walk', files: 0, candidates: 0, bytesHashed: 0 }
  let lastSent = -Infinity
  const tell = (force = false): void => {
    const now = performance.now()
    if (onProgress && (force || now - lastSent >= PROGRESS_MS)) {
      lastSent = now
      onProgress({ ...progress })
    }
  }

  const chained = nativeDupes()
  if (chained) {
    const r = await findChained(chained, roots, { ...options, minSize, perDevice: READS_PER_DEVICE, progress, tell })
    return { ...r, groups: r.groups.sort(bySizeThenHash) }
  }
  const listed = await enumerateFiles(roots, minSize, signal, (n) => {
    progress.files = n
    tell()
  })
  if (listed.cancelled || signal?.aborted) throw searchCancelled()
  const errors = [...listed.errors]
  const fileCount = listed.files
  let groups = candidatesOf(listed.sized)
  progress.phase = 'hash'

  const native = nativeHashFiles()
  /** One step: the hash of a range of every candidate still in the running, then regroup by it. */
  const step = async (sizes: (size: number) => boolean, range: (size: number) => [number, number]): Promise<void> => {
    const applies = (g: Candidate[]): boolean => sizes((g[0] as Candidate).file.size)
    let todo = groups.filter(applies).flat()
    for (const c of todo) c.hash = ''
    const drop = (c: Candidate, unread?: FindResult['errors'][number]): void => {
      c.gone = true
      if (unread) errors.push(unread)
    }
    if (native) {
      const onBatch = (bytes: number): void => {
        counted(bytes)
        tell()
      }
      todo = await hashStepNative(native, todo, READS_PER_DEVICE, { range, signal, onBatch, drop })
    }
    await forEachPerDevice(
      todo,
      (c) => c.file.dev,
      READS_PER_DEVICE,
      async (c) => {
        if (signal?.aborted) return
        const fd = await openSame(c.file)
        if (fd === null) return drop(c)
        const [at, length] = range(c.file.size)
        try {
          c.hash = await hashRange(fd, at, length, counted)
          // a whole read is the fingerprint: a file written meanwhile has none yet
          if (length === c.file.size && (await fstat(fd)).mtimeMs !== c.file.mtimeMs) drop(c)
        } catch (e) {
          const p = c.file.paths[0] as string
          drop(c, {
            path: p,
            code: 'UNKNOWN',
            message: `${p} could not be read: ${e instanceof Error ? e.message : String(e)}`,
          })
        } finally {
          await close(fd)
        }
        tell()
      },
    )
    if (signal?.aborted) throw searchCancelled()
    groups = regroup(groups, applies)
    progress.candidates = groups.reduce((n, g) => n + g.length, 0)
    tell(true)
  }
  const counted = (n: number): void => {
    progress.bytesHashed += n
  }
  const large = (size: number): boolean => size > TAIL_FROM

  const whole = (size: number): [number, number] => [0, size]
  // small files hashed whole: on native threads where there are some, else one synchronous read each
  if (native) await step((size) => !large(size), whole)
  else {
    smallFilesWhole(groups, await syncHasher(), signal, counted, errors)
    if (signal?.aborted) throw searchCancelled()
    groups = regroup(groups, () => true)
    tell(true)
  }
  const settled = groups.filter((g) => !large((g[0] as Candidate).file.size)).map(toGroup)
  if (settled.length > 0) options.onGroups?.(settled)
  // large ones by their head, their tail, and whole
  await step(large, () => [0, HEAD_BYTES])
  await step(large, (size) => [size - HEAD_BYTES, HEAD_BYTES])
  await step(large, whole)

  const largeGroups = groups.filter((g) => large((g[0] as Candidate).file.size)).map(toGroup)
  if (largeGroups.length > 0) options.onGroups?.(largeGroups)
  const out = [...settled, ...largeGroups]
  out.sort(bySizeThenHash)
  return { groups: out, files: fileCount, errors }
}
