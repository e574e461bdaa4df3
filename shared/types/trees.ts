/** The tree views' side of compare and copy (issue 17; electron/engine/tree does the work). */
import type { AppErrorCode } from '../errors'

export const COMPARE_STATES = ['same-file', 'same-content', 'differs', 'link-differs', 'only-a', 'only-b'] as const
export type CompareState = (typeof COMPARE_STATES)[number]

/** One relative path of a comparison: what it is on both sides, and a file's size. */
export type CompareRow = {
  path: string
  state: CompareState
  /** a file's size (A's, or B's when only B has it); 0 for anything else */
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

/** The copy's summary and its notes (over the IPC channel, the first MAX_COPY_NOTES; `summary.notes` counts them all). */
export type CopyResult = { summary: CopySummary; notes: CopyNote[] }
export const MAX_COPY_NOTES = 500
