/**
 * Every regular file under a folder, walked by the addon's threads (native/walk.c) and kept as columns
 * of numbers plus the walk's own path strings: no object, id string or path string is made for a file
 * until the size grouping (enumerate.ts) says it may have a duplicate. The scan's walk (walk-tree.ts)
 * turns each record into a packed string and each of those into objects, which cost most of a search's
 * time on the calling thread (seen with --cpu-prof). Records the addon could not handle alone (an lstat
 * that failed, a folder it could not list) go through the scan's own handling (applyRecords), so errors
 * carry node:fs's codes and messages as a scan's do.
 */
import { pollNativeWalk } from '../scan/native-poll'
import {
  F_EACH,
  F_FILES,
  F_ONE_DEVICE,
  K_FILE,
  type NativeScan,
  R_ENTRY,
  R_MULTI,
  REC,
  V_DEV,
  V_INO,
  V_NLINK,
  V_SIZE,
  V_STAT_KIND,
  V_TYPE,
} from '../scan/native-scan'
import { forEachMulti, unpackDirs, type WalkTask } from '../scan/scan-protocol'
import { applyRecords, emptyResult } from '../scan/walk-dir'
import type { WalkOutcome } from '../scan/walk-tree'

/** Where a walk puts the names of plain files: columns here, or the addon's table (native-find.ts). */
export interface FileSink {
  readonly length: number
  /**
   * the plain files (R_ENTRY or R_MULTI of a file) among a drain's records, each path ended by NUL;
   * true when other records than R_ENTRY are left (the scan's handling takes those)
   */
  addDrain(recs: Float64Array, paths: string, root: number): boolean
  /** one name given as a string with its id as text (a root that is a file, the scan's walk's records) */
  addPath(p: string, id: string, links: number, size: number, root: number): void
}

/** A drain's record that is a name of a plain file. */
export const isFileRecord = (recs: Float64Array, at: number): boolean =>
  (recs[at + V_TYPE] === R_ENTRY || recs[at + V_TYPE] === R_MULTI) && recs[at + V_STAT_KIND] === K_FILE

/** One record a name: its numbers, and where its path is (a walk's string of NUL-ended paths, and an offset). */
export class FileColumns implements FileSink {
  readonly dev: number[] = []
  readonly ino: number[] = []
  readonly links: number[] = []
  readonly size: number[] = []
  readonly root: number[] = []
  private readonly chunk: number[] = []
  private readonly start: number[] = []
  private readonly chunks: string[] = []
  /** ids given as text (the scan's walk; exact where numbers would round, as Windows' are) */
  private readonly ids = new Map<number, string>()

  get length(): number {
    return this.size.length
  }

  /** A string of NUL-ended paths; returns its index for `add`. */
  addChunk(paths: string): number {
    return this.chunks.push(paths) - 1
  }

  add(dev: number, ino: number, links: number, size: number, root: number, chunk: number, start: number): void {
    this.dev.push(dev)
    this.ino.push(ino)
    this.links.push(links)
    this.size.push(size)
    this.root.push(root)
    this.chunk.push(chunk)
    this.start.push(start)
  }

  addDrain(recs: Float64Array, paths: string, root: number): boolean {
    const chunk = this.addChunk(paths)
    let odd = false
    for (let at = 0, start = 0; at < recs.length; at += REC) {
      if (!isFileRecord(recs, at)) odd ||= recs[at + V_TYPE] !== R_ENTRY
      else
        this.add(
          recs[at + V_DEV] as number,
          recs[at + V_INO] as number,
          recs[at + V_NLINK] as number,
          recs[at + V_SIZE] as number,
          root,
          chunk,
          start,
        )
      start = paths.indexOf('\0', start) + 1
    }
    return odd
  }

  addPath(p: string, id: string, links: number, size: number, root: number): void {
    this.ids.set(this.length, id)
    const colon = id.indexOf(':')
    this.add(Number(id.slice(0, colon)), Number(id.slice(colon + 1)), links, size, root, this.addChunk(p + '\0'), 0)
  }

  id(i: number): string {
    return this.ids.get(i) ?? `${this.dev[i]}:${this.ino[i]}`
  }

  /** Orders names by their file's id (any order, the same each time): names of one file come together. */
  compareIds(a: number, b: number): number {
    if (this.ids.size === 0)
      return (this.dev[a] as number) - (this.dev[b] as number) || (this.ino[a] as number) - (this.ino[b] as number)
    const x = this.id(a)
    const y = this.id(b)
    return x < y ? -1 : x > y ? 1 : 0
  }

  path(i: number): string {
    const s = this.chunks[this.chunk[i] as number] as string
    const at = this.start[i] as number
    return s.slice(at, s.indexOf('\0', at))
  }
}

export type WalkFilesHooks = {
  signal: AbortSignal
  onFiles?: (count: number) => void
  onErrors: (errors: { path: string; code: string; message: string }[]) => void
}

/** The records of one drain: plain files into `cols`, everything else through the scan's handling. */
function takeDrain(
  native: NativeScan,
  handle: Parameters<NativeScan['walkDrain']>[0],
  task: WalkTask,
  device: number,
  root: number,
  cols: FileSink,
  hooks: WalkFilesHooks,
): boolean {
  const d = native.walkDrain(handle)
  const { recs, paths } = d
  const odd = cols.addDrain(recs, paths, root)
  const oddPaths: string[] = []
  const oddRecs: number[] = []
  for (let at = 0, start = 0; odd && at < recs.length; at += REC) {
    const end = paths.indexOf('\0', start)
    if (!isFileRecord(recs, at) && recs[at + V_TYPE] !== R_ENTRY) {
      // an entry of another kind since readdir is no file to compare; anything else is the scan's to tell
      oddPaths.push(paths.slice(start, end))
      for (let k = 0; k < REC; k++) oddRecs.push(recs[at + k] as number)
    }
    start = end + 1
  }
  let pushed = false
  if (oddPaths.length > 0) {
    const out = emptyResult(0)
    applyRecords(oddPaths, '', Float64Array.from(oddRecs), undefined, task, out)
    forEachMulti(out.multi, (p, id, links, size) => cols.addPath(p, id, links, size, root))
    for (const [dir, id, dirDev] of unpackDirs(out.dirs))
      if (dirDev === device && native.walkPush(handle, dir, dirDev, Number(id.slice(id.indexOf(':') + 1))))
        pushed = true
    if (out.errors.length > 0) hooks.onErrors(out.errors)
  }
  hooks.onFiles?.(cols.length)
  // idle when drained: nothing queued or in hand, so once nothing was pushed back, the walk is over
  return d.idle && !pushed
}

/** Walk the folder `dir` (the folder dev:ino) on `threads` native threads, adding each file's names to `cols`. */
export function walkFiles(
  native: NativeScan,
  dir: string,
  dev: number,
  ino: number,
  root: number,
  threads: number,
  cols: FileSink,
  hooks: WalkFilesHooks,
): Promise<WalkOutcome> {
  const task: WalkTask = { mode: 'scan', broken: false, statFiles: true, everyFile: true, device: dev }
  const handle = native.walkStart(dir, dev, ino, F_FILES | F_EACH | F_ONE_DEVICE, threads)
  const drain = (): boolean => takeDrain(native, handle, task, dev, root, cols, hooks)
  return pollNativeWalk(native, handle, hooks.signal, drain, 'The search for duplicates ran out of memory.').done
}
