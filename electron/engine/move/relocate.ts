/**
 * The one procedure behind move and move-back: copy the data folder, fix the links that the new place
 * would change, verify the copy, and swap it in at the place's name; then delete what was swapped out.
 * Each step is journalled before it is taken (move-journal.ts), so a crash at any instant is finished or
 * undone by recover.ts, and until the swap nothing outside the new copy has changed.
 */
import { LinkError } from '../../../shared/errors'
import type { MoveProgress, MoveResult } from '../../../shared/types/move'
import type { LinkPlatform } from '../platform/link-platform'
import { copyTree } from '../tree/copy'
import type { Tree } from '../tree/list-tree'
import { fixLinkTexts } from './link-texts'
import { MoveJournal, type MovePlan } from './move-journal'
import { activeJournals } from './recover'
import { removeTree } from './remove-tree'
import { stepDone } from './step-clock'
import { idOf, idThrough, makeLink, removeLink, swapIn } from './swap'
import { verifyCopy } from './verify'

export type RunOptions = {
  signal?: AbortSignal
  onProgress?(p: MoveProgress): void
  /** stop after this step, leaving the journal as a crash would (for tests of recovery) */
  stopAfter?: 'copied' | 'swapped'
}

/** The place, after the swap, is what was made: the link to the copy (move) or the copy itself (move-back). */
function placeIsNew(plan: MovePlan, place: string, copyId: string | null): boolean {
  return plan.op === 'move' ? idThrough(place) === copyId && idOf(place) !== copyId : idOf(place) === copyId
}

async function copyAndVerify(
  plan: MovePlan,
  opts: RunOptions,
  journal: MoveJournal,
  listed?: Tree,
): Promise<{ files: number; bytes: number }> {
  const final = plan.op === 'move' ? plan.copy : plan.place
  const { notes, summary } = await copyTree(plan.data, plan.copy, {
    listed,
    signal: opts.signal,
    onProgress: opts.onProgress && ((p) => opts.onProgress?.({ phase: 'copy', ...p })),
  })
  stepDone('copy')
  try {
    const linkTexts = fixLinkTexts(notes, plan.data, plan.copy, final)
    const totals = { totalFiles: summary.files, totalBytes: summary.bytes }
    const checked = await verifyCopy(plan.data, plan.copy, {
      linkTexts,
      signal: opts.signal,
      onProgress: opts.onProgress && ((p) => opts.onProgress?.({ phase: 'verify', ...p, ...totals })),
    })
    journal.step('copied')
    stepDone('verify')
    return { files: summary.files + summary.hardLinks, bytes: checked.bytes }
  } catch (e) {
    removeTree(plan.copy) // the copy is ours alone and the original untouched: undo it whole
    throw e
  }
}

/** Swap the new thing in; if the place does not then hold it, swap back and refuse. */
function swap(plan: MovePlan, on: LinkPlatform, journal: MoveJournal): string {
  if (plan.op === 'move') makeLink(plan.leave, plan.copy, plan.temp, on)
  const copyId = idOf(plan.copy)
  journal.step('swapping')
  const oldAt = swapIn(plan.temp, plan.place, plan.aside, on)
  if (!placeIsNew(plan, plan.place, copyId)) {
    if (oldAt === plan.temp) swapIn(plan.temp, plan.place, plan.aside, on)
    throw new LinkError(
      'CHANGED',
      `${plan.place} did not lead to the copy after the swap; it will be put back by the next run.`,
      plan.place,
    )
  }
  journal.step('swapped')
  return oldAt
}

/** Remove what the swap put aside: the original folder (move), or the old link and the drive copy (move-back). */
export function finish(plan: MovePlan, oldAt: string, on: LinkPlatform): void {
  if (plan.op === 'move') {
    removeTree(oldAt)
    return
  }
  removeLink(oldAt, on)
  removeTree(plan.data)
}

/** Run the plan; `listed` is the preflight's listing of the data folder, which the copy reuses. */
export async function relocate(plan: MovePlan, on: LinkPlatform, opts: RunOptions, listed?: Tree): Promise<MoveResult> {
  const started = performance.now()
  const journal = MoveJournal.create(plan)
  activeJournals.add(journal.path)
  try {
    let counts: { files: number; bytes: number }
    try {
      counts = await copyAndVerify(plan, opts, journal, listed)
    } catch (e) {
      journal.close({ failed: e instanceof LinkError ? e.code : 'UNKNOWN' })
      throw e
    }
    if (opts.stopAfter === 'copied') {
      journal.abandon()
      return stopped(plan)
    }
    opts.onProgress?.({
      phase: 'swap',
      files: counts.files,
      bytes: counts.bytes,
      totalFiles: counts.files,
      totalBytes: counts.bytes,
    })
    let oldAt: string
    try {
      oldAt = swap(plan, on, journal)
      if (opts.stopAfter === 'swapped') return stopped(plan)
      stepDone('swap')
      finish(plan, oldAt, on)
      stepDone('delete')
    } catch (e) {
      journal.abandon() // left unfinished on purpose: the next run finishes or undoes the swap
      throw e
    }
    const result: MoveResult = {
      moved: plan.place,
      to: plan.op === 'move' ? plan.copy : plan.place,
      link: plan.op === 'move' ? { kind: plan.leave, target: plan.copy } : null,
      files: counts.files,
      bytes: counts.bytes,
      verified: true,
      ms: Math.round(performance.now() - started),
    }
    journal.close(result)
    return result
  } finally {
    activeJournals.delete(journal.path)
  }
}

function stopped(plan: MovePlan): never {
  throw new LinkError(
    'CANCELLED',
    `Stopped on request with the journal open, as a crash would leave ${plan.place}.`,
    plan.place,
  )
}
