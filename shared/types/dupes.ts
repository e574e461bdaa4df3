/** The Duplicates view's side of duplicate finding and merging (electron/engine/dedupe does the work). */
import type { AppErrorCode } from '../errors'

/** One distinct file of a group: its names inside the roots, and how many it has in all. */
export type DupeFileRow = { id: string; paths: string[]; links: number; mtimeMs: number }

/** Distinct files with identical content; `id` (the content hash) names the group. */
export type DupeGroupRow = {
  id: string
  size: number
  files: DupeFileRow[]
  /** what merging with the default keeper frees (a file that keeps a name outside the roots frees nothing) */
  reclaimable: number
  /** the file the default rule keeps */
  keeper: string
}

export type DupesProgress = {
  phase: 'walk' | 'hash'
  files: number
  candidates: number
  bytesHashed: number
  bytesPerSecond: number
}

export type DupesItem =
  | { type: 'group'; group: DupeGroupRow }
  | { type: 'progress'; progress: DupesProgress }
  | { type: 'error'; path: string; code: string; message: string }

export type DupesSummary = {
  roots: string[]
  files: number
  groups: number
  reclaimable: number
  bytesHashed: number
  ms: number
}

/** Merge one found group into hard links of `keeper` (a file id of the group). */
export type DupesMergeRequest = { group: string; keeper: string }

export type DupesRefusal = { path: string; code: AppErrorCode; message: string }
export type DupesMergeRecord = { group: string; keeper: string; linked: string[]; refused: DupesRefusal[] }
export type DupesMergeResult = { records: DupesMergeRecord[]; linked: number; freed: number; journal: string | null }

export type DupesUndoResult = { restored: string[]; refused: DupesRefusal[] }
export type DupesSplitResult = { path: string; split: boolean; links: number; refused?: DupesRefusal }
