/** Moving a folder to another drive and leaving a link behind (issue 16): what the engine reports. */

export type LeaveKind = 'symlink' | 'junction'

/** What becomes of a link elsewhere that leads into the folder being moved. */
export type LinkFate =
  /** it names the folder's path, which the link left behind keeps working */
  | 'resolves-through-link'
  /** it names the place that goes away (a move-back deletes the drive copy): it will be broken */
  | 'will-break'

export type IncomingLink = { path: string; target: string; fate: LinkFate }

/** A file in the folder with hard-link names outside it: those names keep the old bytes, apart from the moved copy. */
export type OutsideNames = { path: string; links: number; inside: number }

export type MovePreflight = {
  op: 'move' | 'move-back'
  /** the folder (move) or the link (move-back) whose name keeps working */
  place: string
  /** where the data will be after the run */
  to: string
  leave: LeaveKind
  files: number
  dirs: number
  bytes: number
  /** bytes the copy needs on the destination (each file rounded up to whole blocks) */
  needBytes: number
  freeBytes: number
  incoming: IncomingLink[]
  outsideNames: OutsideNames[]
  openFiles: { checked: boolean; note: string; writers: { pid: number; command: string; path: string }[] }
  /** a refusal the run would give, or null when it may go ahead */
  refusal: {
    code:
      | 'NO_SPACE'
      | 'OUTSIDE_NAMES'
      | 'OPEN_FILES'
      | 'CROSS_DEVICE'
      | 'ACCESS_DENIED'
      | 'UNSUPPORTED_ON_PLATFORM'
      | 'PRIVILEGE_REQUIRED'
    message: string
  } | null
}

export type MoveProgress = {
  phase: 'copy' | 'verify' | 'swap'
  files: number
  bytes: number
  totalFiles: number
  totalBytes: number
}

export type MoveResult = {
  /** the folder (move) or link (move-back) acted on */
  moved: string
  /** where the data is now */
  to: string
  /** the link left behind (move); null after a move-back */
  link: { kind: LeaveKind; target: string } | null
  files: number
  bytes: number
  verified: true
  ms: number
}

/** One link of a *Replace prefix* batch (engine/tree/retarget-prefix.ts). */
export type PrefixRecord = {
  path: string
  oldTarget: string
  newTarget: string
  /** whether the new target exists (the link will work) */
  resolves: boolean
  action: 'would-retarget' | 'retargeted' | 'failed'
  code?: import('../errors').AppErrorCode
  detail?: string
}
