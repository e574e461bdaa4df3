/** The tree views' side of compare and copy (issue 17; electron/engine/tree does the work). */
import type { AppErrorCode } from '../errors'

export const COMPARE_STATES = ['same-file', 'same-content', 'differs', 'link-differs', 'only-a', 'only-b'] as const
export type CompareState = (typeof COMPARE_STATES)[number]

/** One relative path of a comparison: what it is on both sides, and a file's size. */
export type CompareRow = {
  path: string
  state: CompareState
  size: number
  kind: 'dir' | 'file' | 'symlink' | 'other'
  /** set when these names are one file on one side and not on the other */
  grouping?: 'differs'
}

/** walk: both trees are being listed; read: equal-sized separate files are being read to compare bytes */
export type CompareProgress = { phase: 'walk' | 'read'; pairs: number; bytes: number }

export type CompareItem = { type: 'rows'; rows: CompareRow[] } | { type: 'progress'; progress: CompareProgress }

export type CompareViewSummary = {
  a: string
  b: string
  states: Record<CompareState, { count: number; bytes: number }>
  sameDevice: boolean
  groupingDiffers: number
  bytesRead: number
  ms: number
  /** names this comparison in the engine: *Link these* takes its same-content pairs by path */
  session: string
}

export type TreesRefusal = { path: string; code: AppErrorCode; message: string }
/** What *Link these* did: the paths whose B file is now a name of A's, and the ones refused with why. */
export type TreesLinkResult = { linked: string[]; refused: TreesRefusal[]; freed: number; journal: string | null }
export type TreesUndoResult = { restored: string[]; refused: TreesRefusal[] }

/** files: names made so far (copies and hard links); bytes: copied */
export type CopyViewProgress = { files: number; bytes: number; totalFiles: number; totalBytes: number }

export type CopyViewNote =
  | { kind: 'outside-names'; path: string; paths: string[]; links: number }
  | { kind: 'absolute-outside' | 'relative-outside'; path: string; target: string }
  | { kind: 'rebased'; path: string; target: string; newTarget: string }
  | { kind: 'special-skipped'; path: string }

export type CopyViewSummary = {
  src: string
  dst: string
  mode: 'copy' | 'hardlink-clone'
  dirs: number
  files: number
  bytes: number
  hardLinks: number
  symlinks: number
  rebased: number
  notes: number
  ms: number
}

/** The copy's summary and its notes (the first MAX_COPY_NOTES; `summary.notes` counts them all). */
export type CopyViewResult = { summary: CopyViewSummary; notes: CopyViewNote[] }
export const MAX_COPY_NOTES = 500
