/**
 * What the scan coordinator and its worker threads say to each other. The coordinator owns the queue of
 * folders and the visited set; workers only list the folders they are handed and report what they saw.
 */
import type { LinkEntry } from '../../../shared/types/link'
import type { BrokenLink } from '../../../shared/types/scan'
import type { CompiledGlob } from './glob'

/** What a walk looks for; one walker serves the scan, findNames, findCandidates and findLinksInto. */
export type WalkTask =
  /**
   * broken links (stat every symlink) and/or file identities (lstat every file: hard links, sizes); with
   * `device`, folders on other devices (mount points) are counted and not entered; with `everyFile`, every
   * regular file is reported in `multi`, one name or more (duplicate finding)
   */
  | { mode: 'scan'; broken: boolean; statFiles: boolean; device?: number; everyFile?: boolean }
  /** entries that are the file dev:ino (only entries of the same type are lstat'ed); Windows matches the exact `id` */
  | { mode: 'names'; dev: number; ino: number; type: 'file' | 'symlink' | 'other'; id?: string }
  /** entries (files or real folders, never links) with this exact name */
  | { mode: 'find-name'; name: string }
  /** entries (links too) whose name, or path below `root`, matches a glob (glob.ts; find-by-name.ts); with `target`, links whose stored target does */
  | { mode: 'find-glob'; root: string; glob: CompiledGlob; target?: boolean }
  /** links whose target is `target` or lies inside it, as stored or once resolved (links-into.ts); folders on other devices than `device` are not entered */
  | { mode: 'links-into'; target: string; real: string; caseless: boolean; device: number }

/** The device a walk stays on (folders elsewhere are counted, not entered), if it stays on one. */
export const walkDevice = (task: WalkTask): number | undefined =>
  task.mode === 'scan' || task.mode === 'links-into' ? task.device : undefined

/** Slots of the shared Int32Array every worker sees. */
export const FLAG_CANCEL = 0

export type WorkerInit = { task: WalkTask; flags: SharedArrayBuffer }

export type ScanError = { path: string; code: string; message: string }

export type MultiNames = { paths: string[]; nums: number[] }

/** One batch of folders listed by a worker. */
export type BatchResult = {
  batch: number
  /** real subfolders found, with their "dev:ino" for the visited set (and dev for names mode): see packDir */
  dirs: string
  entries: number
  /** bytes of files with a single name (counted once by definition) */
  singleBytes: number
  /** files with more than one name: see packMulti */
  multi: string
  /**
   * The same from a native walk on the calling thread, where nothing is posted: each name's path, and its
   * dev, ino, links and size as four numbers, so no id string is made and parsed back per name.
   */
  multiNames?: MultiNames
  broken: BrokenLink[]
  /** `entry`: a links-into match's LinkEntry, when the walk could make it from what it read (native-records.ts) */
  matches: { path: string; kind: 'file' | 'dir'; entry?: LinkEntry }[]
  errors: ScanError[]
}

/** The first message a worker gets says what to do (workers are started ahead of time, before any task). */
export type ToWorker = { type: 'init'; init: WorkerInit } | { type: 'batch'; batch: number; dirs: string[] }
/** A worker says 'ready' once, when it has started; then one 'result' (or 'cancelled') per batch. */
export type FromWorker =
  { type: 'ready' } | { type: 'result'; result: BatchResult } | { type: 'cancelled'; batch: number }

/*
 * The two big lists travel as one string each, fields ended by NUL (which no path can contain): a string
 * is cloned in one copy, where tens of thousands of small arrays cost a worker a large share of its time
 * in postMessage and the coordinator as much again in garbage collection (seen with --cpu-prof).
 */
const NUL = '\0'

export const packDir = (path: string, id: string, dev: number): string => path + NUL + id + NUL + dev + NUL

export function unpackDirs(packed: string): [path: string, id: string, dev: number][] {
  const f = packed.split(NUL)
  const out: [string, string, number][] = []
  for (let i = 0; i + 2 < f.length; i += 3) out.push([f[i] as string, f[i + 1] as string, Number(f[i + 2])])
  return out
}

export const packMulti = (path: string, id: string, links: number, size: number): string =>
  path + NUL + id + NUL + links + NUL + size + NUL

/** Each name packMulti packed, without building an array per name (the scan's calling thread reads ~10k a scan). */
export function forEachMulti(
  packed: string,
  each: (path: string, id: string, links: number, size: number) => void,
): void {
  for (let at = 0; at < packed.length;) {
    const a = packed.indexOf(NUL, at)
    const b = packed.indexOf(NUL, a + 1)
    const c = packed.indexOf(NUL, b + 1)
    const d = packed.indexOf(NUL, c + 1)
    if (d < 0) return
    each(packed.slice(at, a), packed.slice(a + 1, b), Number(packed.slice(b + 1, c)), Number(packed.slice(c + 1, d)))
    at = d + 1
  }
}
