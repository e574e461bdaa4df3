/**
 * The next run's tidy-up after a move or move-back stopped part way (a crash, a kill, a power cut). The
 * journal says how far it got and the disk says the rest: if the place already holds the new thing, the
 * swap happened and only the deletion of the old one is finished; otherwise the swap is undone (the
 * set-aside original renamed back where two renames were needed) and the partial copy removed. Either
 * way the place's name ends up holding all the data, once.
 */
import * as nfs from '../fs/fs-names'
import type { LinkPlatform } from '../platform/link-platform'
import { allMoveJournals, markRecovered, type MovePlan, processAlive, type ReadMove } from './move-journal'
import { finish } from './relocate'
import { removeTree } from './remove-tree'
import { idOf, idThrough, isLinkAt, removeLink } from './swap'

/** Journals of runs in this process that are still going: never recovered from under them. */
export const activeJournals = new Set<string>()

export type Recovered = { journal: string; op: MovePlan['op']; place: string; outcome: 'rolled-back' | 'finished' }

const exists = (p: string): boolean => nfs.lstatOrUndefined(p) !== undefined

/** Whether the swap took place: the place holds the link to the copy (move) or is the copy (move-back). */
function swapped(plan: MovePlan, on: LinkPlatform): boolean {
  if (plan.op === 'move') return isLinkAt(plan.place, on) && idThrough(plan.place) === idOf(plan.copy)
  return exists(plan.place) && !isLinkAt(plan.place, on)
}

/** Where the old entry went in the swap: `temp` after an exchange, `aside` after two renames. */
const oldAt = (plan: MovePlan): string => (exists(plan.aside) ? plan.aside : plan.temp)

function rollBack(plan: MovePlan, on: LinkPlatform): void {
  // a crash between the two renames: the place is empty and the original waits aside
  if (!exists(plan.place) && exists(plan.aside)) on.renameNoReplace(plan.aside, plan.place)
  if (plan.op === 'move') {
    removeLink(plan.temp, on)
    removeTree(plan.copy)
  } else {
    removeTree(plan.copy)
  }
}

function recoverOne(r: ReadMove, on: LinkPlatform): Recovered {
  const { plan } = r
  const forward = r.steps.has('swapping') && swapped(plan, on)
  if (forward) finish(plan, oldAt(plan), on)
  else rollBack(plan, on)
  const outcome = forward ? 'finished' : 'rolled-back'
  markRecovered(r.file, outcome)
  return { journal: r.file, op: plan.op, place: plan.place, outcome }
}

/** Tidy up after every move that stopped before its end and whose process is gone. */
export function recoverMoves(on: LinkPlatform): Recovered[] {
  const out: Recovered[] = []
  for (const r of allMoveJournals()) {
    if (r.ended || activeJournals.has(r.file)) continue
    if (r.pid !== process.pid && processAlive(r.pid)) continue // still running in another process
    out.push(recoverOne(r, on))
  }
  return out
}
