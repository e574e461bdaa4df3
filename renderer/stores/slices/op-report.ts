/** What an operation tells the person afterwards: its report, item by item, and the notes it carries. */
import type { AppError, Result } from '../../../shared/errors'
import type { LinkEntry } from '../../../shared/types/link'
import type { DropAs, ElevatedOutcome, RemoveResult } from '../../../shared/types/ops'
import type { UndoOp } from './undo'

export type ReportItem =
  { source: string; ok: true; entry: LinkEntry; note?: string } | { source: string; ok: false; error: AppError }

export type OpVerb = 'drop' | 'create' | 'remove' | 'retarget' | 'rename' | 'undo'

export type OpReport = {
  id: number
  verb: OpVerb
  title: string
  items: ReportItem[]
  dropAs?: DropAs
  dropDir?: string
}

/**
 * What lists showing links hear after an operation: its report (what changed on disk), or an undo that
 * succeeded (the disk is back as it was before `op`).
 */
export type OpDone = { type: 'report'; report: OpReport } | { type: 'undone'; op: UndoOp }

export const DROP_TITLES: Record<DropAs, string> = {
  hard: 'hard links',
  'symbolic-relative': 'relative symbolic links',
  'symbolic-absolute': 'absolute symbolic links',
  junction: 'junctions',
}

/** The error of an elevated create, from the call and its one outcome; null when the link was made. */
export function elevatedError(r: Result<ElevatedOutcome[]>): AppError | null {
  const outcome = r.ok ? r.value[0] : undefined
  if (!r.ok) return r.error
  if (!outcome) return { code: 'UNKNOWN', message: 'The administrator helper gave no answer.' }
  return outcome.ok ? null : outcome.error
}

/** What a removal leaves: the data under other names, or a target that was not touched. */
export function removalNote({ removed, remainingNames }: RemoveResult): string | undefined {
  if (remainingNames !== undefined)
    return `The file keeps its data under ${remainingNames} other name${remainingNames === 1 ? '' : 's'}.`
  return removed.target ? `Only the link was removed; “${removed.target}” was not touched.` : undefined
}
