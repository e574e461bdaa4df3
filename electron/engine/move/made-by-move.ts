/** Whether a link is one a finished move left behind (the UI offers *Move back* for those). */
import * as path from 'node:path'

import { allMoveJournals } from './move-journal'

export function madeByMove(link: string): boolean {
  const p = path.resolve(link)
  let made = false
  // the newest record wins: a move-back of the same place after the move means it is no longer one
  for (const r of allMoveJournals()) {
    if (r.plan.place !== p || !r.ended) continue
    const finished = r.steps.has('swapped') || r.recoveredAs === 'finished'
    if (finished) made = r.plan.op === 'move'
  }
  return made
}
