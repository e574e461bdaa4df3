import type { AppError } from '../errors'
import type { LinkEntry } from './link'

/** The link a person asks for. `relative` only matters for symbolic links. */
export type LinkType = 'hard' | 'symbolic' | 'junction'

export type CreateLinkRequest = {
  type: LinkType
  /** what the link points to (an existing path for hard links) */
  target: string
  /** the full path of the new link; must not exist */
  link: string
  /** symbolic links: store the target relative to the link's folder */
  relative?: boolean
}

/** "Drop here as …": several picked sources into one folder; taken names get " - Hard link (2)" style names. */
export type DropAs = 'hard' | 'symbolic-relative' | 'symbolic-absolute' | 'junction'
export type DropRequest = { sources: string[]; dir: string; as: DropAs }

/** One source's outcome in a batch: each is done or refused on its own. */
export type ItemResult = { source: string; ok: true; entry: LinkEntry } | { source: string; ok: false; error: AppError }

export type RemoveResult = {
  /** what the entry was before removal (enough to undo it) */
  removed: LinkEntry
  /** hard links: how many names the file still has */
  remainingNames?: number
  /** hard links: another name of the same file, from which the removed name can be re-created */
  otherName?: string
}

/** How to remove: `readOnlyToo` takes a read-only name too (Windows), never clearing the attribute of the other names. */
export type RemoveOptions = { readOnlyToo?: boolean }

export type RetargetRequest = { path: string; target: string; relative?: boolean }
export type RetargetResult = { entry: LinkEntry; previousTarget: string }

/** An operation to run with administrator rights, through the elevated helper (one consent prompt). */
export type ElevatedRequest =
  { op: 'create'; req: CreateLinkRequest } | { op: 'remove'; path: string } | { op: 'retarget'; req: RetargetRequest }
export type ElevatedOutcome = { ok: true } | { ok: false; error: AppError }
